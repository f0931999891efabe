import { z } from 'zod';
import { defineEvent } from '../define.js';
import { brand, businessDate, chinesePlate, employeeId, entityId, isoDateTime, money, note, vehicleModel, vin } from '../common.js';
import { INSURANCE_CONTEXT, assigneeRole, callOutcome, incentive, insurer, lostReason, policyId, policyTerms, staffId } from './values.js';

// Policy (保单) stream: the new-car policy and every renewal of it. `term` counts the years: 1 is the policy
// sold with the car, each renewal adds one. Events carry brand so KPI projections never join streams.

const vehicle = {
  vin,
  plate: chinesePlate.optional().describe('Licence plate, if registered'),
  brand,
  model: vehicleModel,
  customerId: entityId.describe('Customer id (the same id sales and workshop use)'),
};

const term = z.int().min(1).max(100).describe('Policy year: 1 = sold with the car, +1 per renewal');

export const DeliveryPolicyRecorded = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'DeliveryPolicyRecorded',
  description: "Sales delivered a car with a policy sold (VehicleDelivered.policySold); the insurance desk still enters the policy's terms.",
  schema: z.object({
    policyId,
    orderId: entityId.describe('Sales order the car was delivered on'),
    ...vehicle,
    insurer: insurer.optional().describe('Insurer named at delivery, if any'),
    consultantId: employeeId.describe('Sales consultant credited with the sale'),
    deliveredOn: businessDate.describe('Business date of delivery'),
    sourceEventId: entityId.describe('Id of the VehicleDelivered event it came from'),
  }),
});

export const NewPolicySold = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'NewPolicySold',
  description: 'A new-car policy (新保) was sold: covers, premium (Σ covers), insurer and commission income. Its end starts the renewal clock.',
  schema: z.object({
    policyId,
    orderId: entityId.optional().describe('Sales order of the car, when sold at delivery'),
    ...vehicle,
    ...policyTerms,
    premium: money.describe('Total premium = Σ cover premiums'),
    soldBy: employeeId.describe('Employee who sold the policy'),
    soldOn: businessDate.describe('Business date of the sale'),
    term,
  }),
});

export const RenewalOpportunityOpened = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'RenewalOpportunityOpened',
  description: 'The policy entered the renewal lead window (续保): counts as a policy expiring on expiresOn.',
  schema: z.object({
    policyId,
    term,
    vin,
    brand,
    customerId: vehicle.customerId,
    insurer,
    expiresOn: businessDate.describe('Last day of the expiring term'),
    expiringPremium: money.describe('Premium of the expiring term'),
    openedOn: businessDate.describe('Business date the opportunity opened'),
  }),
});

export const RenewalAssigned = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'RenewalAssigned',
  description: 'The renewal opportunity was assigned (or reassigned) to renewal staff or an SA.',
  schema: z.object({ policyId, term, brand, assigneeId: staffId, assigneeRole, assignedBy: employeeId.describe('Who assigned it') }),
});

export const RenewalCallLogged = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'RenewalCallLogged',
  description: 'A call to the customer about the renewal was logged.',
  schema: z.object({
    policyId,
    term,
    calledBy: employeeId.describe('Who called'),
    calledAt: isoDateTime.describe('When'),
    outcome: callOutcome,
    note: note.optional(),
    nextCallOn: businessDate.optional().describe('Agreed date of the next call'),
  }),
});

export const PolicyRenewed = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'PolicyRenewed',
  description: 'The customer renewed at this store: the new term, its premium and the incentive given. Counts on the expiring term for the renewal rate.',
  schema: z.object({
    policyId,
    term: term.describe('The new term'),
    vin,
    brand,
    ...policyTerms,
    premium: money.describe('Premium of the new term = Σ cover premiums'),
    incentive: incentive.optional(),
    renewedBy: staffId.describe('Renewal staff or SA credited with the renewal'),
    renewedOn: businessDate.describe('Business date of the renewal'),
    previousExpiresOn: businessDate.describe('Last day of the term that was renewed'),
  }),
});

export const RenewalLost = defineEvent({
  context: INSURANCE_CONTEXT,
  type: 'RenewalLost',
  description: 'The customer will not renew here; the policy leaves the pipeline.',
  schema: z.object({
    policyId,
    term,
    brand,
    reason: lostReason,
    note: note.optional(),
    lostBy: employeeId.describe('Who recorded it'),
    lostOn: businessDate.describe('Business date recorded'),
    expiresOn: businessDate.describe('Last day of the term that was not renewed'),
  }),
});

export const policyEvents = [
  DeliveryPolicyRecorded,
  NewPolicySold,
  RenewalOpportunityOpened,
  RenewalAssigned,
  RenewalCallLogged,
  PolicyRenewed,
  RenewalLost,
] as const;
