import { type CommandResult, type EventStore, type NewEvent, type ReadAllResult, type RecordedEvent, uuidv7 } from '@rooftop/eventsourcing';
import { expect } from 'vitest';

const metadata = {
  storeId: 'store-1',
  groupId: 'group-1',
  correlationId: 'corr-1',
  actor: { kind: 'system', id: 'contract' },
  occurredAt: '2026-11-23T10:00:00+08:00',
} as const;

export const event = (type: string, data: unknown = { n: 1 }): NewEvent => ({ eventId: uuidv7(), type, data, schemaVersion: 1, metadata });

export const resultOf =
  (commandId: string, streamId: string, base: number) =>
  (recorded: readonly RecordedEvent[]): CommandResult => ({
    commandId,
    streamId,
    streamVersion: base + recorded.length,
    events: recorded.map((e) => ({ eventId: e.eventId, type: e.type, globalPosition: e.globalPosition })),
  });

export const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );

// Adapters may hold events back until concurrent transactions anywhere on their server end, so every "it is
// visible now" check waits for the condition instead of assuming it.
export const waitFor = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Reads `$all` from `after` in batches of `maxCount` until `enough`; returns every batch. */
export const readUntil = async (store: EventStore, after: number, maxCount: number, enough: (events: RecordedEvent[]) => boolean) => {
  const batches: ReadAllResult[] = [];
  const events: RecordedEvent[] = [];
  let position = after;
  await waitFor(
    async () => {
      const batch = await store.readAll({ after: position, maxCount });
      expect(batch.checkpoint).toBeGreaterThanOrEqual(position);
      position = batch.checkpoint;
      batches.push(batch);
      events.push(...batch.events);
      return events;
    },
    enough,
    'readAll to reach the appended events',
  );
  return { batches, events, checkpoint: position };
};

/** Runs a subscription in the background, collecting what it yields. */
export const collect = (store: EventStore, options: { after: number; batchSize?: number; eventTypes?: readonly string[] }) => {
  const controller = new AbortController();
  const events: RecordedEvent[] = [];
  const checkpoints: number[] = [];
  const done = (async () => {
    for await (const batch of store.subscribe({ ...options, signal: controller.signal })) {
      events.push(...batch.events);
      checkpoints.push(batch.checkpoint);
    }
  })();
  return { controller, events, checkpoints, done };
};
