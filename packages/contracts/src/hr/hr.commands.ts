import { z } from 'zod';
import { defineCommand } from '../define.js';
import { businessDate, yearMonth } from '../common.js';
import {
  HR_CONTEXT,
  approvalId,
  appraisalScore,
  baseSalary,
  departmentId,
  employeeName,
  headcount,
  hrEmployeeId,
  hrRoles as r,
  leavingReason,
  optionalNote,
  payGrade,
  positionId,
  trainingSessionId,
} from './values.js';

const hr = [r.hrManager, r.generalManager, r.admin];

export const DefineDepartment = defineCommand({
  context: HR_CONTEXT,
  type: 'DefineDepartment',
  description: 'Define a department of the store, or rename it.',
  roles: hr,
  internal: false,
  schema: z.strictObject({ departmentId, name: z.string().min(1).max(100).describe('Department name') }),
});

export const DefinePosition = defineCommand({
  context: HR_CONTEXT,
  type: 'DefinePosition',
  description: 'Define a position with its planned headcount (定编), or change its plan. The plan is approved by the general manager.',
  roles: [r.generalManager, r.admin],
  internal: false,
  schema: z.strictObject({ positionId, departmentId, title: z.string().min(1).max(100).describe('Position title'), plannedHeadcount: headcount }),
});

export const ApproveExtraHeadcount = defineCommand({
  context: HR_CONTEXT,
  type: 'ApproveExtraHeadcount',
  description: 'Approve one seat above the staffing plan of a position (general manager only).',
  roles: [r.generalManager],
  internal: false,
  schema: z.strictObject({ approvalId, positionId, reason: optionalNote }),
});

export const HireEmployee = defineCommand({
  context: HR_CONTEXT,
  type: 'HireEmployee',
  description: 'Hire an employee into a position. A full position needs an unused extra-seat approval of the general manager.',
  roles: hr,
  internal: false,
  schema: z.strictObject({
    employeeId: hrEmployeeId,
    name: employeeName,
    positionId,
    grade: payGrade,
    hireDate: businessDate,
    probationMonths: z.int().min(0).max(6).default(3).describe('Probation length in months (labour law: at most 6)'),
    baseSalary,
    extraHeadcountApprovalId: approvalId.optional(),
  }),
});

export const TransferEmployee = defineCommand({
  context: HR_CONTEXT,
  type: 'TransferEmployee',
  description: 'Move an employee to another position; a full position needs an unused extra-seat approval.',
  roles: hr,
  internal: false,
  schema: z.strictObject({ employeeId: hrEmployeeId, toPositionId: positionId, effectiveDate: businessDate, extraHeadcountApprovalId: approvalId.optional() }),
});

export const RecordLeaving = defineCommand({
  context: HR_CONTEXT,
  type: 'RecordLeaving',
  description: 'Record that an employee left the store, with the reason and whether it was voluntary.',
  roles: hr,
  internal: false,
  schema: z.strictObject({
    employeeId: hrEmployeeId,
    leftOn: businessDate,
    reason: leavingReason,
    voluntary: z.boolean().describe('The employee chose to leave (for turnover analysis)'),
    note: optionalNote,
  }),
});

export const PassProbation = defineCommand({
  context: HR_CONTEXT,
  type: 'PassProbation',
  description: 'Confirm an employee after probation (转正).',
  roles: hr,
  internal: false,
  schema: z.strictObject({ employeeId: hrEmployeeId, passedOn: businessDate }),
});

export const AdjustSalary = defineCommand({
  context: HR_CONTEXT,
  type: 'AdjustSalary',
  description: "Change an employee's grade and base pay (调薪).",
  roles: hr,
  internal: false,
  schema: z.strictObject({ employeeId: hrEmployeeId, effectiveDate: businessDate, grade: payGrade, baseSalary }),
});

export const CompleteOnboardingTraining = defineCommand({
  context: HR_CONTEXT,
  type: 'CompleteOnboardingTraining',
  description: 'Record that an employee completed onboarding training.',
  roles: hr,
  internal: false,
  schema: z.strictObject({ employeeId: hrEmployeeId, completedOn: businessDate, sessionId: trainingSessionId.optional() }),
});

export const CheckOnboardingTraining = defineCommand({
  context: HR_CONTEXT,
  type: 'CheckOnboardingTraining',
  description: "Timer: a month after hire, flag the employee's onboarding training as overdue if it is not done.",
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({ employeeId: hrEmployeeId }),
});

export const ScoreAppraisal = defineCommand({
  context: HR_CONTEXT,
  type: 'ScoreAppraisal',
  description: "Record an employee's monthly appraisal score (0–100); scoring the month again corrects it.",
  roles: [r.hrManager, r.departmentManager, r.salesManager, r.serviceManager, r.generalManager, r.admin],
  internal: false,
  schema: z.strictObject({ employeeId: hrEmployeeId, month: yearMonth, score: appraisalScore }),
});

export const staffingCommands = [DefineDepartment, DefinePosition, ApproveExtraHeadcount, HireEmployee, TransferEmployee, RecordLeaving] as const;
export const employeeCommands = [PassProbation, AdjustSalary, CompleteOnboardingTraining, CheckOnboardingTraining, ScoreAppraisal] as const;
