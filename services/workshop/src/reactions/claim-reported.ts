import { insurance, workshop as w } from '@rooftop/contracts';
import { defineReaction } from '@rooftop/service-host';

/**
 * Process manager: insurance's ClaimReported → an insurance_claim repair order with the claim's repairOrderId.
 * The append and the inbox row commit in one transaction, so a redelivered event is skipped; a replay without
 * the inbox appends nothing (same command id, and the RO already exists). A taken RO id is logged and acknowledged.
 */
export const claimReported = defineReaction(
  insurance.ClaimReported,
  w.OpenRepairOrder,
)({
  name: 'claim-reported',
  refused: 'ClaimReported: repair order not opened',
  command: ({ eventId, data: c }) => ({
    commandId: `claim-reported:${eventId}`,
    data: {
      repairOrderId: c.repairOrderId,
      roType: 'insurance_claim',
      serviceAdvisorId: c.serviceAdvisorId,
      vin: c.vin,
      ...(c.plate ? { plate: c.plate } : {}),
      brand: c.brand,
      model: c.model,
      customerId: c.customerId,
      mileageKm: c.mileageKm,
      complaint: c.description,
    },
  }),
});
