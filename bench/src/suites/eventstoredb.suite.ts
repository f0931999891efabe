import { randomBytes } from 'node:crypto';
import { RooftopError } from '@rooftop/eventsourcing';
import { connectEventStoreDb, type EventStoreDbEventStore } from '@rooftop/eventstore-eventstoredb';
import { percentile, perSecond, repeatFor, runClosedLoop } from '../stats.js';
import { toRow, type BenchSuite } from '../suite.js';
import { rooftopEvents } from '../workload.js';
import { appendWriters } from './append-load.js';
import { readBatchSize, seedAppendSize } from './logs.js';

const STREAMS_PER_WRITER = 64;

/** Streams of this run only: the server may be shared and keeps every earlier run's streams. */
const cursors = (run: string) =>
  Array.from({ length: appendWriters }, (_, writer) => {
    const versions = new Map<string, number>();
    let next = 0;
    return {
      take: () => {
        const streamId = `workshop-repairorder-${run}w${writer}s${next++ % STREAMS_PER_WRITER}`;
        return { streamId, expectedVersion: versions.get(streamId) ?? 0, sequence: next };
      },
      advance: (streamId: string, version: number) => void versions.set(streamId, version),
    };
  });

/** Reads from `after` until `count` events of this run's streams have been seen; returns how many it read. */
const catchUp = async (store: EventStoreDbEventStore, after: number, count: number, prefix: string): Promise<number> => {
  let seen = 0;
  let position = after;
  while (seen < count) {
    const batch = await store.readAll({ after: position, maxCount: readBatchSize });
    if (batch.checkpoint === position) break;
    seen += batch.events.filter((e) => e.streamId.startsWith(prefix)).length;
    position = batch.checkpoint;
  }
  return seen;
};

export const eventStoreDbSuite: BenchSuite = {
  name: 'eventstoredb',
  description: `the same append and catch-up workloads on EventStoreDB/KurrentDB (EVENTSTORE_URL; skipped without it)`,
  async run(context) {
    const url = process.env.EVENTSTORE_URL;
    if (!url) {
      context.log('  skipped: EVENTSTORE_URL is unset (no EventStoreDB/KurrentDB to measure)');
      return [];
    }
    const store = connectEventStoreDb(url);
    context.defer(() => store.close());
    const run = randomBytes(3).toString('hex');

    const writers = cursors(run);
    const appends = await runClosedLoop({
      workers: appendWriters,
      warmupMs: context.options.warmupMs,
      durationMs: context.options.durationMs,
      operation: async (worker) => {
        const cursor = writers[worker]!;
        const { streamId, expectedVersion, sequence } = cursor.take();
        const result = await store.appendToStream(streamId, rooftopEvents(streamId, sequence, 1), { expectedVersion });
        cursor.advance(streamId, result.streamVersion);
        return 1;
      },
    });
    const rate = perSecond(appends.events, appends.elapsedMs);
    context.log(
      `  eventstoredb: ${Math.round(rate)} events/s, p50 ${percentile(appends.samples, 50).toFixed(2)} ms, p99 ${percentile(appends.samples, 99).toFixed(2)} ms`,
    );

    const events = context.options.events;
    const prefix = `workshop-repairorder-${run}seed`;
    const head = await store.headPosition();
    for (let first = 0; first < events; first += seedAppendSize) {
      const streamId = `${prefix}${first}`;
      await store.appendToStream(streamId, rooftopEvents(streamId, first, Math.min(seedAppendSize, events - first)), { expectedVersion: 'noStream' });
    }
    const read = await repeatFor(context.options.durationMs / 2, async () => {
      const seen = await catchUp(store, head, events, prefix);
      if (seen !== events) throw new RooftopError('INTERNAL', `EventStoreDB catch-up read ${seen} of ${events} events`);
      return seen;
    });
    return [
      toRow({ name: 'eventstoredb append', value: rate, unit: 'events/s' }),
      toRow({ name: 'eventstoredb append p99', value: percentile(appends.samples, 99), unit: 'ms' }),
      toRow({ name: `eventstoredb catchup (${events} events)`, value: perSecond(read.events, read.elapsedMs), unit: 'events/s' }),
    ];
  },
};
