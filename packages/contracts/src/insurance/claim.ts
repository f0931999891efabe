import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { brand, businessDate, chinesePlate, employeeId, entityId, isoDateTime, money, note, positiveMoney, vehicleModel, vin } from '../common.js';
import { INSURANCE_CONTEXT, insuranceClaimId, insurer, insuranceRoles as r, policyId } from './values.js';

// Insurance claims (理赔): reported → repaired at the store (workshop opens an insurance_claim RO on
// ClaimReported, with the claim's id as the RO id; its invoice records the repair here) → settled by the insurer.

const repairOrderId = entityId.describe("Workshop repair order the claim is repaired on: the claim's own id (workshop opens it with this id)");

const claimReport = {
  claimId: insuranceClaimId,
  policyId: policyId.optional().describe('Policy sold here, if the car is insured through the store'),
  insurer,
  insurerReference: z.string().min(1).max(100).optional().describe("Insurer's claim number (报案号)"),
  vin,
  plate: chinesePlate.optional().describe('Licence plate, if registered'),
  brand,
  model: vehicleModel,
  customerId: entityId.describe('Customer id'),
  serviceAdvisorId: employeeId.describe('SA who receives the car'),
  mileageKm: z.int().min(0).max(2_000_000).describe('Odometer reading, km'),
  accidentOn: businessDate.describe('Date of the accident'),
  description: note.describe('What happened and the damage'),
};

export const ClaimReported = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'ClaimReported',
  description:
    'An accident claim was reported and the car comes to the store for repair; workshop opens an insurance_claim RO whose id (repairOrderId) is the claim id.',
  schema: z.object({ ...claimReport, repairOrderId, reportedBy: employeeId.describe('Who recorded it'), reportedAt: isoDateTime.describe('When') }),
});

export const ClaimRepaired = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'ClaimRepaired',
  description: 'The claim repair was finished and invoiced to the insurer.',
  schema: z.object({
    claimId: insuranceClaimId,
    repairOrderId,
    insurer,
    brand,
    repairAmount: positiveMoney.describe('Invoiced repair amount'),
    repairedOn: businessDate.describe('Business date'),
  }),
});

export const ClaimSettled = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'ClaimSettled',
  description: 'The insurer paid the claim (possibly less than the repair amount).',
  schema: z.object({
    claimId: insuranceClaimId,
    insurer,
    brand,
    repairAmount: positiveMoney.describe('Invoiced repair amount'),
    settledAmount: money.describe('Amount the insurer paid'),
    settledOn: businessDate.describe('Business date'),
  }),
});

const claims = [r.insuranceClerk, r.serviceAdvisor, r.serviceManager, r.admin];

export const ReportClaim = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'ReportClaim',
  description: 'Record an accident claim whose repair the store takes on.',
  roles: claims,
  internal: false,
  schema: z.strictObject(claimReport),
});

export const RecordClaimRepair = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'RecordClaimRepair',
  description: "Record that the claim repair was finished and invoiced (workshop's RepairOrderInvoiced of the claim's RO sends it).",
  roles: [...claims, r.system],
  internal: false,
  schema: z.strictObject({ claimId: insuranceClaimId, repairAmount: positiveMoney.describe('Invoiced repair amount') }),
});

export const SettleClaim = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'SettleClaim',
  description: "Record the insurer's payment; at most the repair amount.",
  roles: [r.insuranceClerk, r.serviceManager, r.admin],
  internal: false,
  schema: z.strictObject({ claimId: insuranceClaimId, settledAmount: money.describe('Amount paid') }),
});

export const claimEvents = [ClaimReported, ClaimRepaired, ClaimSettled] as const;
export const claimCommands = [ReportClaim, RecordClaimRepair, SettleClaim] as const;
