import { dumbo, type Dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { type TestDatabase } from '@rooftop/testkit';
import { emmettEvents, type StreamCursor } from '../workload.js';

/** Emmett 0.42 on its own fresh database, with its schema migrated before anything is timed. */
export interface EmmettPeer {
  readonly store: PostgresEventStore;
  /** Emmett's SQL executor, for its own log reader (`readMessagesBatch`). */
  readonly pool: Dumbo;
  readonly connectionString: string;
  close(): Promise<void>;
}

export const openEmmett = async (database: TestDatabase): Promise<EmmettPeer> => {
  // Same pool size as ours (the testkit pool), so neither store queues on connections the other has.
  const pool = dumbo({ connectionString: database.url, max: 40 });
  const store = getPostgreSQLEventStore(database.url, { connectionOptions: { dumbo: pool } });
  await store.schema.migrate();
  return {
    store,
    pool,
    connectionString: database.url,
    close: () => pool.close(),
  };
};

/** One append of `count` events to the cursor's next stream with its exact expected version. */
export const emmettAppend = async (peer: EmmettPeer, cursor: StreamCursor, count: number): Promise<number> => {
  const { streamId, expectedVersion, sequence } = cursor.take();
  const result = await peer.store.appendToStream(streamId, emmettEvents(streamId, sequence, count), {
    expectedStreamVersion: BigInt(expectedVersion),
  });
  cursor.advance(streamId, Number(result.nextExpectedStreamVersion));
  return count;
};

/**
 * Fills the log with `total` events, `perAppend` per append, one append at a time (setup, not measured).
 * One writer on purpose: Emmett's reader orders by (transaction_id, global_position) and continues after
 * the last global position, so concurrent multi-event appends whose positions interleave make it skip
 * events (seen here: 184 of 50,200 missed with 4 seeding writers). Ours is seeded the same way.
 */
export const seedEmmett = async (peer: EmmettPeer, total: number, perAppend: number): Promise<bigint> => {
  let last = 0n;
  for (let first = 0; first < total; first += perAppend) {
    const streamId = `workshop-repairorder-seed${first}`;
    const appended = await peer.store.appendToStream(streamId, emmettEvents(streamId, first, Math.min(perAppend, total - first)));
    last = appended.lastEventGlobalPosition;
  }
  return last;
};

/** True once Emmett's reader returns the event at `position` (its reader has the same xmin bound as ours). */
export const emmettCanRead = async (peer: EmmettPeer, position: bigint): Promise<boolean> =>
  (await readMessagesBatch(peer.pool.execute, { after: position - 1n, batchSize: 1 })).messages.length > 0;

/** Reads the whole log from the start with Emmett's own batch reader; returns the number of events seen. */
export const emmettCatchUp = async (peer: EmmettPeer, batchSize: number): Promise<number> => {
  let after = 0n;
  let seen = 0;
  for (;;) {
    const batch = await readMessagesBatch(peer.pool.execute, { after, batchSize });
    seen += batch.messages.length;
    after = batch.currentGlobalPosition;
    if (!batch.areMessagesLeft) return seen;
  }
};
