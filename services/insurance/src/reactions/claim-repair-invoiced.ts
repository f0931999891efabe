import { insurance as i, workshop } from '@rooftop/contracts';
import { defineReaction } from '@rooftop/service-host';

/**
 * Process manager: workshop's RepairOrderInvoiced of an insurance_claim RO → the claim is repaired (the claim's
 * RO carries the claim's id); any other RO asks nothing. The repair amount is what the insurer is invoiced:
 * labour + parts − discount. An RO opened at the front desk without a reported claim finds no claim
 * (CLAIM_NOT_FOUND) and is acknowledged; a redelivery is skipped by the inbox, and a replay without it is
 * refused by the claim (already repaired).
 */
export const claimRepairInvoiced = defineReaction(
  workshop.RepairOrderInvoiced,
  i.RecordClaimRepair,
)({
  name: 'claim-invoiced',
  refused: 'RepairOrderInvoiced: claim repair not recorded',
  command: ({ eventId, data: d }) =>
    d.roType === 'insurance_claim' && d.amounts.total.amount >= 1
      ? { commandId: `insurance-claim-invoiced:${eventId}`, data: { claimId: d.repairOrderId, repairAmount: d.amounts.total } }
      : undefined,
});
