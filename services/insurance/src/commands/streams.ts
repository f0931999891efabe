import { streamName } from '@rooftop/eventsourcing';

// Stream ids of the insurance aggregates (`insurance-<aggregate>-<id>`, docs/architecture.md §2).
export const INSURANCE = 'insurance';

export const streams = {
  policy: (id: string) => streamName(INSURANCE, 'policy', id),
  claim: (id: string) => streamName(INSURANCE, 'claim', id),
} as const;
