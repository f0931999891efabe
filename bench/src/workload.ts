import { type EventMetadata, type NewEvent, uuidv7 } from '@rooftop/eventsourcing';

/**
 * The one workload both stores get: workshop repair-order events of ~300 bytes of JSON with the same
 * metadata, so the ratio compares stores, not payloads.
 */
export const eventTypes = ['RepairOrderOpened', 'LabourLineAdded', 'PartIssued', 'RepairOrderInvoiced'] as const;

/** Distinct vehicles in a log: the rebuild's read model has one row per vehicle, ~4 events each at 100k. */
export const vehicleCount = 25_000;

export const vinOf = (sequence: number): string => `LSVAU2180N${String(sequence % vehicleCount).padStart(7, '0')}`;

// A type alias, not an interface: Emmett's Event wants data assignable to an index-signature record.
export type BenchEventData = {
  readonly repairOrderId: string;
  readonly vin: string;
  readonly advisorId: string;
  readonly amountFen: number;
  readonly description: string;
};

export const streamFor = (writer: number, slot: number): string => `workshop-repairorder-w${writer}s${slot}`;

export const eventAt = (streamId: string, sequence: number): { type: string; data: BenchEventData } => ({
  type: eventTypes[sequence % eventTypes.length]!,
  data: {
    repairOrderId: streamId,
    vin: vinOf(sequence),
    advisorId: `advisor-${sequence % 17}`,
    amountFen: 1_000 + ((sequence * 7_919) % 500_000),
    description: 'Replace front brake pads and discs, road test, customer waiting in the lounge',
  },
});

const metadata = (sequence: number): EventMetadata => ({
  storeId: 'store-bench',
  groupId: 'group-bench',
  correlationId: `corr-${sequence}`,
  actor: { kind: 'user', id: 'advisor-1', roles: ['advisor'] },
  occurredAt: '2026-11-23T10:00:00+08:00',
});

/** Our store's input: ids and metadata are the caller's (the command handler's) job. */
export const rooftopEvents = (streamId: string, firstSequence: number, count: number): NewEvent[] =>
  Array.from({ length: count }, (_, index) => ({
    ...eventAt(streamId, firstSequence + index),
    eventId: uuidv7(),
    schemaVersion: 1,
    metadata: metadata(firstSequence + index),
  }));

/** Emmett's input: the same type, data and metadata; Emmett adds its own message id. */
export const emmettEvents = (streamId: string, firstSequence: number, count: number) =>
  Array.from({ length: count }, (_, index) => ({
    ...eventAt(streamId, firstSequence + index),
    metadata: { ...metadata(firstSequence + index) },
  }));

/**
 * Streams per writer in the append benchmarks: each append goes to the next stream of the writer with its
 * exact expected version, like command handlers working on many aggregates.
 */
export const streamsPerWriter = 64;

/** Tracks each stream's version on the writer side so every append can state it exactly. */
export class StreamCursor {
  private readonly versions = new Map<string, number>();
  private next = 0;

  constructor(private readonly writer: number) {}

  take(): { streamId: string; expectedVersion: number; sequence: number } {
    const slot = this.next++ % streamsPerWriter;
    const streamId = streamFor(this.writer, slot);
    return { streamId, expectedVersion: this.versions.get(streamId) ?? 0, sequence: this.next };
  }

  advance(streamId: string, version: number): void {
    this.versions.set(streamId, version);
  }
}
