import { randomBytes } from 'node:crypto';
import { ConcurrencyError, DuplicateCommandError, type EventStore, type ReadAllResult, type RecordedEvent, uuidv7 } from '@rooftop/eventsourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, event, failure, readUntil, resultOf, waitFor } from './event-store-contract-fixtures.js';

export interface EventStoreContractFixture {
  readonly store: EventStore;
  /** Releases what the factory opened (pools, databases). */
  close?(): Promise<void>;
}

/**
 * The behaviour every EventStore adapter must have, written once against the port. Stream names are unique
 * per test, so one store (and one database) serves the whole suite.
 */
export const describeEventStoreContract = (name: string, factory: () => Promise<EventStoreContractFixture>): void => {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreContractFixture;
    let store: EventStore;
    const run = randomBytes(4).toString('hex');
    let counter = 0;
    const streamId = (label: string) => `contract-${label}${++counter}-${run}`;
    const ours = (ids: readonly string[]) => (e: RecordedEvent) => ids.includes(e.streamId);

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterAll(async () => fixture?.close?.());

    it('appends to a new stream and reads it back with versions, positions and metadata', async () => {
      const id = streamId('basic');
      const input = [event('Opened', { by: 'a' }), event('Noted', { text: 'ü 车' })];
      const appended = await store.appendToStream(id, input, { expectedVersion: 'noStream' });
      expect(appended.streamVersion).toBe(2);
      expect(appended.events.map((e) => e.streamVersion)).toEqual([1, 2]);
      expect(appended.events[1]!.globalPosition).toBeGreaterThan(appended.events[0]!.globalPosition);

      const read = await store.readStream(id);
      expect(read.streamVersion).toBe(2);
      expect(read.events).toHaveLength(2);
      read.events.forEach((e, i) => {
        expect(e).toMatchObject({ ...input[i], streamId: id, streamVersion: i + 1, globalPosition: appended.events[i]!.globalPosition });
        expect(e.recordedAt).toBeInstanceOf(Date);
      });
    });

    it('reads a stream that does not exist as version 0 with no events', async () => {
      expect(await store.readStream(streamId('missing'))).toEqual({ streamVersion: 0, events: [] });
    });

    it('reads a stream from a version, at most maxCount events, and still reports the stream version', async () => {
      const id = streamId('window');
      await store.appendToStream(
        id,
        [1, 2, 3, 4, 5].map((n) => event('Counted', { n })),
        { expectedVersion: 0 },
      );
      const read = await store.readStream(id, { fromVersion: 2, maxCount: 3 });
      expect(read.streamVersion).toBe(5);
      expect(read.events.map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
      expect((await store.readStream(id, { fromVersion: 6 })).events).toEqual([]);
    });

    it('accepts noStream and 0 only while the stream has no event', async () => {
      const id = streamId('new');
      await store.appendToStream(id, [event('Opened')], { expectedVersion: 'noStream' });
      for (const expectedVersion of ['noStream', 0] as const) {
        const error = await failure(store.appendToStream(id, [event('Again')], { expectedVersion }));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: id, actual: 1 });
      }
      const other = streamId('new');
      expect((await store.appendToStream(other, [event('Opened')], { expectedVersion: 0 })).streamVersion).toBe(1);
      expect((await store.readStream(id)).streamVersion).toBe(1);
    });

    it('accepts an exact version only when it is the current one; a conflict writes nothing', async () => {
      const id = streamId('exact');
      await store.appendToStream(id, [event('A'), event('B')], { expectedVersion: 'noStream' });
      for (const expectedVersion of [1, 3, 7]) {
        const error = await failure(store.appendToStream(id, [event('X'), event('Y')], { expectedVersion }));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', actual: 2 });
      }
      const missing = await failure(store.appendToStream(streamId('exact'), [event('X')], { expectedVersion: 4 }));
      expect(missing).toMatchObject({ code: 'CONCURRENCY_CONFLICT', actual: 0 });
      expect((await store.appendToStream(id, [event('C')], { expectedVersion: 2 })).streamVersion).toBe(3);
      expect((await store.readStream(id)).events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('appends with any to a new and to an existing stream', async () => {
      const id = streamId('any');
      expect((await store.appendToStream(id, [event('A')], { expectedVersion: 'any' })).streamVersion).toBe(1);
      expect((await store.appendToStream(id, [event('B'), event('C')], { expectedVersion: 'any' })).streamVersion).toBe(3);
      expect((await store.readStream(id)).events.map((e) => [e.type, e.streamVersion])).toEqual([
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ]);
    });

    it('checks the expected version of an empty append too, and writes nothing', async () => {
      const id = streamId('empty');
      expect(await store.appendToStream(id, [], { expectedVersion: 'noStream' })).toEqual({ streamId: id, streamVersion: 0, events: [] });
      await store.appendToStream(id, [event('A')], { expectedVersion: 0 });
      expect(await failure(store.appendToStream(id, [], { expectedVersion: 0 }))).toBeInstanceOf(ConcurrencyError);
      expect((await store.appendToStream(id, [], { expectedVersion: 1 })).streamVersion).toBe(1);
    });

    it('appends many events atomically: of racing appends at the same version exactly one wins, whole', async () => {
      const id = streamId('race');
      const batches = Array.from({ length: 8 }, (_, writer) => [1, 2, 3].map((n) => event('Raced', { writer, n })));
      const outcomes = await Promise.allSettled(batches.map((batch) => store.appendToStream(id, batch, { expectedVersion: 'noStream' })));
      const winners = outcomes.flatMap((o, writer) => (o.status === 'fulfilled' ? [writer] : []));
      expect(winners).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
      const { streamVersion, events } = await store.readStream(id);
      expect(streamVersion).toBe(3);
      expect(events.map((e) => e.data)).toEqual([1, 2, 3].map((n) => ({ writer: winners[0], n })));
    });

    const key = { context: 'contract', type: 'RecordThings', dataHash: 'hash-of-the-data' };

    it('records a command result with the append and turns a repeated command id into DuplicateCommandError', async () => {
      const id = streamId('cmd');
      const commandId = `cmd-${uuidv7()}`;
      const appended = await store.appendToStream(id, [event('A'), event('B')], {
        expectedVersion: 'noStream',
        command: { commandId, ...key, result: resultOf(commandId, id, 0) },
      });
      const stored = await store.findCommand(commandId);
      expect(stored).toEqual({ commandId, ...key, result: resultOf(commandId, id, 0)(appended.events) });

      const repeat = await failure(
        store.appendToStream(id, [event('C')], { expectedVersion: 2, command: { commandId, ...key, result: resultOf(commandId, id, 2) } }),
      );
      expect(repeat).toBeInstanceOf(DuplicateCommandError);
      expect(repeat).toMatchObject({ code: 'DUPLICATE_COMMAND', commandId });
      expect((await store.readStream(id)).streamVersion).toBe(2);
      expect(await store.findCommand(commandId)).toEqual(stored);
    });

    it('records the result of a command that appended no event, and knows nothing of unseen commands', async () => {
      const id = streamId('noop');
      const commandId = `cmd-${uuidv7()}`;
      await store.appendToStream(id, [], { expectedVersion: 'any', command: { commandId, ...key, result: resultOf(commandId, id, 0) } });
      expect((await store.findCommand(commandId))?.result).toEqual({ commandId, streamId: id, streamVersion: 0, events: [] });
      // Another context, type or data under the same id is still the same id: the store refuses it.
      const again = await failure(
        store.appendToStream(id, [], {
          expectedVersion: 'any',
          command: { commandId, context: 'other', type: 'Other', dataHash: 'x', result: resultOf(commandId, id, 0) },
        }),
      );
      expect(again).toBeInstanceOf(DuplicateCommandError);
      expect(await store.findCommand(`cmd-${uuidv7()}`)).toBeUndefined();
    });

    it('reads the log in batches of maxCount, in position order, checkpointing at the last event', async () => {
      const head = await store.headPosition();
      const ids = [streamId('log'), streamId('log')];
      for (let i = 0; i < 7; i++) await store.appendToStream(ids[i % 2]!, [event('Logged', { i })], { expectedVersion: 'any' });
      const last = (await store.readStream(ids[0]!)).events.at(-1)!.globalPosition;
      await waitFor(
        () => store.headPosition(),
        (h) => h >= last,
        'the head to pass the appended events',
      );

      const first = await store.readAll({ after: head, maxCount: 3 });
      expect(first.events).toHaveLength(3);
      expect(first.checkpoint).toBe(first.events.at(-1)!.globalPosition);

      const { batches, events } = await readUntil(store, head, 3, (seen) => seen.filter(ours(ids)).length >= 7);
      for (const batch of batches) expect(batch.events.length).toBeLessThanOrEqual(3);
      const positions = events.map((e) => e.globalPosition);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
      expect(events.filter(ours(ids)).map((e) => e.data)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => ({ i })));

      const end = await store.headPosition();
      expect(await store.readAll({ after: end, maxCount: 10 })).toEqual({ events: [], checkpoint: end });
    });

    it('filters the log by event type; the checkpoint moves past filtered-out events', async () => {
      const head = await store.headPosition();
      const id = streamId('filter');
      const types = ['Wanted', 'Other', 'Other', 'Wanted', 'Other', 'Other'];
      const appended = await store.appendToStream(
        id,
        types.map((t, i) => event(t, { i })),
        { expectedVersion: 'noStream' },
      );
      const lastPosition = appended.events.at(-1)!.globalPosition;

      let position = head;
      const wanted: RecordedEvent[] = [];
      await waitFor(
        async () => {
          const batch = await store.readAll({ after: position, maxCount: 2, eventTypes: ['Wanted'] });
          expect(batch.events.every((e) => e.type === 'Wanted')).toBe(true);
          expect(batch.checkpoint).toBeGreaterThanOrEqual(batch.events.at(-1)?.globalPosition ?? position);
          position = batch.checkpoint;
          wanted.push(...batch.events);
          return position;
        },
        (p) => p >= lastPosition,
        'the filtered checkpoint to pass the last (filtered-out) event',
      );
      expect(wanted.filter(ours([id])).map((e) => e.data)).toEqual([{ i: 0 }, { i: 3 }]);
    });

    it('subscribes: catches up from a position, then delivers live appends, each once and in order', async () => {
      const head = await store.headPosition();
      const id = streamId('sub');
      await store.appendToStream(id, [event('A'), event('B'), event('C')], { expectedVersion: 'noStream' });
      const sub = collect(store, { after: head, batchSize: 2 });
      try {
        await waitFor(
          async () => sub.events.filter(ours([id])).length,
          (n) => n >= 3,
          'catch-up',
        );
        await store.appendToStream(id, [event('D')], { expectedVersion: 3 });
        await store.appendToStream(id, [event('E')], { expectedVersion: 4 });
        await waitFor(
          async () => sub.events.filter(ours([id])).length,
          (n) => n >= 5,
          'live events',
        );
      } finally {
        sub.controller.abort();
        await sub.done;
      }
      expect(sub.events.filter(ours([id])).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      const positions = sub.events.map((e) => e.globalPosition);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
      expect(sub.checkpoints).toEqual([...sub.checkpoints].sort((a, b) => a - b));
    });

    it('subscribes with an event type filter', async () => {
      const head = await store.headPosition();
      const id = streamId('subfilter');
      const sub = collect(store, { after: head, eventTypes: ['Kept'] });
      try {
        await store.appendToStream(id, [event('Kept', { n: 1 }), event('Dropped'), event('Kept', { n: 2 })], { expectedVersion: 'noStream' });
        await waitFor(
          async () => sub.events.filter(ours([id])).length,
          (n) => n >= 2,
          'filtered live events',
        );
      } finally {
        sub.controller.abort();
        await sub.done;
      }
      expect(sub.events.every((e) => e.type === 'Kept')).toBe(true);
      expect(sub.events.filter(ours([id])).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it('ends a subscription when its signal aborts, also while it waits for new events', async () => {
      const sub = collect(store, { after: await store.headPosition() });
      await new Promise((resolve) => setTimeout(resolve, 50));
      sub.controller.abort();
      await expect(sub.done).resolves.toBeUndefined();

      const aborted = new AbortController();
      aborted.abort();
      const yielded: ReadAllResult[] = [];
      for await (const batch of store.subscribe({ after: 0, signal: aborted.signal })) yielded.push(batch);
      expect(yielded).toEqual([]);
    });
  });
};
