import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type TestDatabase } from '@rooftop/testkit';
import { waitFor } from './harness.js';

/** The real PostgreSQL event store in the test's own database; a short poll keeps live tests snappy. */
export const openStore = async (db: TestDatabase): Promise<PostgresEventStore> => {
  await migrateEventStore(db.pool);
  return new PostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
};

/**
 * Waits until every committed event is safe to read. Transaction ids are cluster-wide, so an open
 * transaction anywhere on the server (another suite, another engineer) holds the safe head back for a while;
 * "caught up" only means "caught up to what is readable now".
 */
export const untilReadable = async (db: TestDatabase, store: PostgresEventStore): Promise<number> => {
  const { rows } = await db.pool.query<{ head: string | null }>(`SELECT max(global_position) AS head FROM ${store.names.events}`);
  const committed = Number(rows[0]?.head ?? 0);
  await waitFor(async () => (await store.headPosition()) >= committed, `the safe head to reach ${committed}`);
  return committed;
};
