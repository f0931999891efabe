import { z } from 'zod';
import { defineCommand } from '../define.js';
import { brand, businessDate, chinesePlate, employeeId, entityId, note, vehicleModel, vin } from '../common.js';
import { INSURANCE_CONTEXT, assigneeRole, callOutcome, incentive, insurer, insuranceRoles as r, lostReason, policyId, policyTerms, staffId } from './values.js';

const desk = [r.insuranceClerk, r.renewalClerk, r.serviceManager, r.admin];
const renewalTeam = [r.renewalClerk, r.serviceAdvisor, r.insuranceClerk, r.serviceManager, r.admin];

export const RecordDeliveryPolicy = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'RecordDeliveryPolicy',
  description: 'Record a car delivered with a policy sold (the VehicleDelivered reaction sends it); the terms follow with SellNewPolicy.',
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({
    policyId,
    orderId: entityId.describe('Sales order'),
    vin,
    plate: chinesePlate.optional().describe('Licence plate, if registered'),
    brand,
    model: vehicleModel,
    customerId: entityId.describe('Customer id'),
    insurer: insurer.optional(),
    consultantId: employeeId.describe('Sales consultant'),
    deliveredOn: businessDate.describe('Delivery date'),
    sourceEventId: entityId.describe('VehicleDelivered event id'),
  }),
});

export const SellNewPolicy = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'SellNewPolicy',
  description: "Enter a new-car policy's terms: for a policy recorded at delivery (same VIN), or a new policy sold on its own.",
  roles: [...desk, r.salesConsultant],
  internal: false,
  schema: z.strictObject({
    policyId,
    orderId: entityId.optional().describe('Sales order of the car, if any'),
    vin,
    plate: chinesePlate.optional().describe('Licence plate, if registered'),
    brand,
    model: vehicleModel,
    customerId: entityId.describe('Customer id'),
    ...policyTerms,
  }),
});

export const OpenRenewalOpportunity = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'OpenRenewalOpportunity',
  description: "Open the renewal opportunity of a policy's current term (the lead-window timer sends it; a manager may open one early).",
  roles: [r.system, r.serviceManager, r.admin],
  internal: false,
  schema: z.strictObject({ policyId, term: z.int().min(1).max(100).describe('The term whose end is near') }),
});

export const AssignRenewal = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'AssignRenewal',
  description: 'Assign the open renewal opportunity to renewal staff or an SA.',
  roles: [r.renewalClerk, r.serviceManager, r.generalManager, r.admin],
  internal: false,
  schema: z.strictObject({ policyId, assigneeId: staffId, assigneeRole }),
});

export const LogRenewalCall = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'LogRenewalCall',
  description: 'Log a call to the customer about the renewal.',
  roles: renewalTeam,
  internal: false,
  schema: z.strictObject({ policyId, outcome: callOutcome, note: note.optional(), nextCallOn: businessDate.optional().describe('Next call agreed') }),
});

export const RenewPolicy = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'RenewPolicy',
  description: 'Record the renewal at this store: the new term (starts the day after the old one ends), premium and incentive.',
  roles: renewalTeam,
  internal: false,
  schema: z.strictObject({
    policyId,
    ...policyTerms,
    incentive: incentive.optional(),
    renewedBy: staffId.optional().describe('Who is credited (default: the assignee, else the sender)'),
  }),
});

export const LoseRenewal = defineCommand({
  context: INSURANCE_CONTEXT,
  type: 'LoseRenewal',
  description: 'Record that the customer will not renew here, with the reason.',
  roles: renewalTeam,
  internal: false,
  schema: z.strictObject({ policyId, reason: lostReason, note: note.optional() }),
});

export const policyCommands = [RecordDeliveryPolicy, SellNewPolicy, OpenRenewalOpportunity, AssignRenewal, LogRenewalCall, RenewPolicy, LoseRenewal] as const;
