import { sales, workshop as w } from '@rooftop/contracts';
import { defineReaction } from '@rooftop/service-host';

/**
 * Process manager: sales' VehicleDelivered → the vehicle file, its owner and its first-service reminder timers.
 * The append, the timers and the inbox row commit in the consumer's one transaction, so a redelivered event is
 * skipped by the inbox, and even a replay without the inbox appends nothing (same command id, same source
 * event). A rule's no (the VIN already has a file) is logged and acknowledged.
 */
export const vehicleDelivered = defineReaction(
  sales.VehicleDelivered,
  w.RegisterVehicle,
)({
  name: 'vehicle-delivered',
  refused: 'VehicleDelivered not registered',
  command: ({ eventId, data: d }) => ({
    commandId: `vehicle-delivered:${eventId}`,
    data: {
      vin: d.vin,
      ...(d.plate ? { plate: d.plate } : {}),
      brand: d.brand,
      model: d.model,
      customerId: d.customerId,
      ownerName: d.customerName,
      ownerPhone: d.customerPhone,
      contactConsent: d.contactConsent,
      deliveredOn: d.deliveryDate,
      source: 'sales_delivery',
      sourceEventId: eventId,
    },
  }),
});
