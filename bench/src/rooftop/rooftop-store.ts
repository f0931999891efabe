import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type TestDatabase } from '@rooftop/testkit';
import { ownPool } from '../messaging/pools.js';
import { type BenchContext } from '../suite.js';
import { rooftopEvents, type StreamCursor } from '../workload.js';

/**
 * Our PostgreSQL event store on its own fresh database, migrated before anything is timed; on a pool of its own
 * of `poolMax` connections when given (suites that run several stores against one server of 100 connections).
 */
export const openRooftop = async (context: BenchContext, database: TestDatabase, poolMax?: number): Promise<PostgresEventStore> => {
  await migrateEventStore(database.pool);
  const store = new PostgresEventStore({ pool: poolMax === undefined ? database.pool : ownPool(context, database, poolMax) });
  context.defer(async () => store.close());
  return store;
};

/** One append of `count` events to the cursor's next stream with its exact expected version. */
export const rooftopAppend = async (store: PostgresEventStore, cursor: StreamCursor, count: number): Promise<number> => {
  const { streamId, expectedVersion, sequence } = cursor.take();
  const result = await store.appendToStream(streamId, rooftopEvents(streamId, sequence, count), { expectedVersion });
  cursor.advance(streamId, result.streamVersion);
  return count;
};

/**
 * Fills the log exactly as the Emmett log is filled (see seedEmmett): one writer, `perAppend` per append.
 * Returns the global position of the last event.
 */
export const seedRooftop = async (store: PostgresEventStore, total: number, perAppend: number): Promise<number> => {
  let last = 0;
  for (let first = 0; first < total; first += perAppend) {
    const streamId = `workshop-repairorder-seed${first}`;
    const appended = await store.appendToStream(streamId, rooftopEvents(streamId, first, Math.min(perAppend, total - first)), { expectedVersion: 'noStream' });
    last = appended.events.at(-1)?.globalPosition ?? last;
  }
  return last;
};

/** Reads the whole log from position 0 with `readAll` in batches; returns the number of events seen. */
export const rooftopCatchUp = async (store: PostgresEventStore, batchSize: number): Promise<number> => {
  const head = await store.headPosition();
  let after = 0;
  let seen = 0;
  while (after < head) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    if (batch.checkpoint <= after) break;
    seen += batch.events.length;
    after = batch.checkpoint;
  }
  return seen;
};
