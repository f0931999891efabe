import { streamName } from '@rooftop/eventsourcing';

// Stream ids of the parts aggregates (`parts-<aggregate>-<id>`, docs/architecture.md §2).
export const PARTS = 'parts';

export const streams = {
  part: (partNumber: string) => streamName(PARTS, 'part', partNumber),
  purchaseOrder: (id: string) => streamName(PARTS, 'purchaseorder', id),
} as const;
