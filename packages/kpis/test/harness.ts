import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type TestDatabase } from '@rooftop/testkit';

/** The real PostgreSQL event store in the test's own database. */
export const openStore = async (db: TestDatabase): Promise<PostgresEventStore> => {
  await migrateEventStore(db.pool);
  return new PostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
};

/**
 * Waits until every committed event is safe to read: transaction ids are cluster-wide, so another suite's
 * open transaction can hold the safe head back for a moment.
 */
export const untilReadable = async (db: TestDatabase, store: PostgresEventStore): Promise<void> => {
  const { rows } = await db.pool.query<{ head: string | null }>(`SELECT max(global_position) AS head FROM ${store.names.events}`);
  const committed = Number(rows[0]?.head ?? 0);
  const deadline = Date.now() + 60_000;
  while ((await store.headPosition()) < committed) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the safe head to reach ${committed}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
