import { streamName } from '@rooftop/eventsourcing';

// Stream ids of the workshop's aggregates (`workshop-<aggregate>-<id>`, docs/architecture.md §2).
export const WORKSHOP = 'workshop';

export const streams = {
  appointment: (id: string) => streamName(WORKSHOP, 'appointment', id),
  repairOrder: (id: string) => streamName(WORKSHOP, 'repairorder', id),
  roster: (storeId: string) => streamName(WORKSHOP, 'roster', storeId),
  warrantyClaim: (id: string) => streamName(WORKSHOP, 'warrantyclaim', id),
  complaint: (id: string) => streamName(WORKSHOP, 'complaint', id),
  vehicle: (vin: string) => streamName(WORKSHOP, 'vehicle', vin),
  followUp: (repairOrderId: string) => streamName(WORKSHOP, 'followup', repairOrderId),
} as const;
