import { insurance as i, sales } from '@rooftop/contracts';
import { defineReaction } from '@rooftop/service-host';

/** The policy a delivery sold with a policy opens: one per order (`delivery-<orderId>`), whatever the redelivery. */
export const deliveryPolicyId = (orderId: string): string => `delivery-${orderId}`.slice(0, 64);

/**
 * Process manager: sales' VehicleDelivered → a policy awaiting its terms, when a policy was sold with the car.
 * The append and the inbox row commit in the consumer's one transaction, so a redelivered event is skipped by
 * the inbox; a replay without the inbox appends nothing either (same command id; same source event on the
 * policy). A rule's no (the policy id is taken) is logged and acknowledged.
 */
export const vehicleDelivered = defineReaction(
  sales.VehicleDelivered,
  i.RecordDeliveryPolicy,
)({
  name: 'vehicle-delivered',
  refused: 'VehicleDelivered policy not recorded',
  command: ({ eventId, data: d }) =>
    d.policySold
      ? {
          commandId: `insurance-vehicle-delivered:${eventId}`,
          data: {
            policyId: deliveryPolicyId(d.orderId),
            orderId: d.orderId,
            vin: d.vin,
            ...(d.plate ? { plate: d.plate } : {}),
            brand: d.brand,
            model: d.model,
            customerId: d.customerId,
            ...(d.insurer ? { insurer: d.insurer } : {}),
            consultantId: d.consultantId,
            deliveredOn: d.deliveryDate,
            sourceEventId: eventId,
          },
        }
      : undefined,
});
