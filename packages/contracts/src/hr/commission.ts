import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { money, yearMonth } from '../common.js';
import { HR_CONTEXT, appraisalScore, hrEmployeeId, hrRoles as r } from './values.js';

// Monthly commission statements (hr-commission-<employee>-<month>): computed by the scheme in force from the
// other contexts' events, issued with every line so payroll and the salesperson can check each amount.

export const commissionLine = z
  .object({
    kind: z.enum(['vehicle', 'above_floor', 'financed', 'insurance', 'decoration']).describe('What the line pays for'),
    ref: z.string().min(1).max(64).describe('Order, policy or accessory sale id'),
    basis: z.string().min(1).max(300).describe('How the amount was computed'),
    amount: money,
  })
  .describe('One line of a commission statement');

export const CommissionStatementIssued = defineEvent({
  context: HR_CONTEXT,
  type: 'CommissionStatementIssued',
  description: "A salesperson's monthly commission statement was issued (or re-issued after its inputs changed), line by line.",
  schema: z.object({
    employeeId: hrEmployeeId,
    month: yearMonth,
    schemeId: z.string().min(1).max(32).describe('Commission scheme version used, e.g. 2013-05'),
    role: z.enum(['consultant', 'assistant']).describe('Table of the scheme applied'),
    targetUnits: z.int().min(0).optional().describe('Units of the personal target, if one was filed'),
    unitsSettled: z.int().min(0).describe('Vehicles settled in the month that count toward the target'),
    attainmentBasisPoints: z.int().min(0).optional().describe('unitsSettled ÷ targetUnits in basis points'),
    band: z.int().min(0).max(1000).describe('Lower bound (%) of the attainment band applied'),
    lines: z.array(commissionLine).max(1000).describe('Every line of the statement, in scheme order: what it pays for, its basis and its amount.'),
    commissionTotal: money.describe('Σ lines'),
    appraisalScore,
    performancePay: money.describe('commissionTotal × appraisalScore ÷ 100, rounded half up to the fen'),
    revision: z.int().min(1).describe('1 for the first issue of the month, +1 for each re-issue'),
    previousPerformancePay: money.describe('Performance pay of the revision this one replaces (0 for the first)'),
  }),
});

export const IssueCommissionStatement = defineCommand({
  context: HR_CONTEXT,
  type: 'IssueCommissionStatement',
  description: "Compute and issue a salesperson's statement for a month (needs the month's appraisal score); re-issuing after a change replaces it.",
  roles: [r.hrManager, r.salesManager, r.generalManager, r.admin],
  internal: false,
  schema: z.strictObject({ employeeId: hrEmployeeId, month: yearMonth }),
});

export const commissionEvents = [CommissionStatementIssued] as const;
export const commissionCommands = [IssueCommissionStatement] as const;
