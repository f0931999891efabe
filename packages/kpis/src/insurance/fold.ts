import { decodeRecorded, insurance as i, sales, workshop as w } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { businessDateOf } from '../facts/business-date.js';
import { FactDeltas, type FactRowDelta } from '../facts/fact-table.js';
import { type InsuranceFactColumn, type InsuranceStaffFactColumn } from './facts.js';

// The pure heart of the insurance fact projection. Every insurance event carries the dimensions and dates its
// facts need, so the fold keeps no state between events: a batch in, deltas out.

export const INSURANCE_FACT_EVENT_TYPES = [
  sales.VehicleDelivered.type,
  i.NewPolicySold.type,
  i.RenewalOpportunityOpened.type,
  i.RenewalAssigned.type,
  i.PolicyRenewed.type,
  i.RenewalLost.type,
  i.ClaimReported.type,
  i.ClaimSettled.type,
  w.RepairOrderInvoiced.type,
] as const;

export interface InsuranceFoldResult {
  readonly deltas: FactRowDelta<InsuranceFactColumn>[];
  readonly staffDeltas: FactRowDelta<InsuranceStaffFactColumn>[];
}

export const foldInsuranceFacts = (events: readonly RecordedEvent[], zoneOf: (storeId: string) => string): InsuranceFoldResult => {
  const facts = new FactDeltas<InsuranceFactColumn>();
  const staff = new FactDeltas<InsuranceStaffFactColumn>();
  for (const e of events) {
    const store = e.metadata.storeId;
    const on = () => businessDateOf(e.metadata.occurredAt, zoneOf(store));
    switch (e.type) {
      case 'VehicleDelivered': {
        const d = decodeRecorded(sales.VehicleDelivered, e).data;
        facts.add(store, d.deliveryDate, [d.brand], 'deliveries', 1);
        if (d.policySold) facts.add(store, d.deliveryDate, [d.brand], 'deliveries_with_policy', 1);
        break;
      }
      case 'NewPolicySold': {
        const d = decodeRecorded(i.NewPolicySold, e).data;
        facts.add(store, d.soldOn, [d.brand], 'new_policies', 1);
        facts.add(store, d.soldOn, [d.brand], 'new_policy_premium_fen', d.premium.amount);
        facts.add(store, d.soldOn, [d.brand], 'commission_fen', d.commission.amount);
        break;
      }
      case 'RenewalOpportunityOpened': {
        const d = decodeRecorded(i.RenewalOpportunityOpened, e).data;
        facts.add(store, d.expiresOn, [d.brand], 'policies_expiring', 1);
        break;
      }
      case 'RenewalAssigned': {
        const d = decodeRecorded(i.RenewalAssigned, e).data;
        staff.add(store, on(), [d.brand, d.assigneeId], 'renewals_assigned', 1);
        break;
      }
      case 'PolicyRenewed': {
        const d = decodeRecorded(i.PolicyRenewed, e).data;
        facts.add(store, d.previousExpiresOn, [d.brand], 'policies_renewed', 1);
        facts.add(store, d.renewedOn, [d.brand], 'renewal_premium_fen', d.premium.amount);
        facts.add(store, d.renewedOn, [d.brand], 'renewal_incentive_fen', d.incentive?.value.amount ?? 0);
        facts.add(store, d.renewedOn, [d.brand], 'commission_fen', d.commission.amount);
        staff.add(store, d.renewedOn, [d.brand, d.renewedBy], 'renewals', 1);
        break;
      }
      case 'RenewalLost': {
        const d = decodeRecorded(i.RenewalLost, e).data;
        facts.add(store, d.expiresOn, [d.brand], 'policies_lost', 1);
        break;
      }
      case 'ClaimReported': {
        const d = decodeRecorded(i.ClaimReported, e).data;
        facts.add(store, on(), [d.brand], 'claims_reported', 1);
        break;
      }
      case 'ClaimSettled': {
        const d = decodeRecorded(i.ClaimSettled, e).data;
        facts.add(store, d.settledOn, [d.brand], 'claims_settled', 1);
        facts.add(store, d.settledOn, [d.brand], 'claim_settled_fen', d.settledAmount.amount);
        break;
      }
      case 'RepairOrderInvoiced': {
        const d = decodeRecorded(w.RepairOrderInvoiced, e).data;
        if (d.roType !== 'insurance_claim') break;
        facts.add(store, d.invoicedOn, [d.brand], 'claim_repair_output_fen', d.amounts.labour.amount + d.amounts.parts.amount);
        facts.add(store, d.invoicedOn, [d.brand], 'claim_repairs', 1);
        break;
      }
      default:
        break;
    }
  }
  return { deltas: facts.list(), staffDeltas: staff.list() };
};
