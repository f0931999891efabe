import { PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type TestDatabase } from '@rooftop/testkit';
import pg from 'pg';
import { type BenchContext } from '../suite.js';

/**
 * A pool of its own on the suite's database, as the relay and a consuming service each have in production.
 * Sharing the writers' pool would queue the relay's reads and the consumer's inbox transactions behind every
 * waiting append (pg-pool hands out connections first come, first served) and measure that queue instead.
 */
export const ownPool = (context: BenchContext, database: TestDatabase, max: number): pg.Pool => {
  const pool = new pg.Pool({ connectionString: database.url, max });
  pool.on('error', () => undefined);
  context.defer(() => pool.end());
  return pool;
};

/** The relay's own store instance (its own pool and LISTEN connection) on an already migrated database. */
export const relayStore = (context: BenchContext, database: TestDatabase): { store: PostgresEventStore; pool: pg.Pool } => {
  const pool = ownPool(context, database, 4);
  const store = new PostgresEventStore({ pool });
  context.defer(async () => store.close());
  return { store, pool };
};
