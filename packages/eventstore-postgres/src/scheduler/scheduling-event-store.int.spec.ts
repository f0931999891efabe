import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEvent } from '../fixtures/events.js';
import { migrateEventStore } from '../migrations.js';
import { PostgresEventStore } from '../postgres-event-store.js';
import { followUpEntry } from './fixtures/follow-up.js';
import { migrateScheduler } from './migrate.js';
import { PostgresCommandScheduler } from './postgres-command-scheduler.js';
import { SchedulingEventStore } from './scheduling-event-store.js';

// Inside a caller's transaction (a reaction's inbox transaction) the scheduling store reads through that
// transaction: it sees its own appends and needs no second connection.

describe('SchedulingEventStore.inTransaction', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let events: PostgresEventStore;
  let store: SchedulingEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('scheduling_store');
    await migrateEventStore(db.pool);
    await migrateScheduler(db.pool, 'sched');
    // One connection: a read that asked the pool for another would wait forever.
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    events = new PostgresEventStore({ pool, pollIntervalMs: 100 });
    const scheduler = new PostgresCommandScheduler({ pool, schema: 'sched' });
    store = new SchedulingEventStore({
      events,
      pool,
      scheduler,
      timersOf: (recorded) => recorded.map((e) => followUpEntry(`t-${e.eventId}`, new Date('2026-12-01T00:00:00Z'))),
    });
  });
  afterAll(async () => {
    events.close();
    await pool.end();
    await db.drop();
  });

  it('reads the stream through the open transaction, seeing its append, with no second connection', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const inTx = store.inTransaction(client);
      await inTx.appendToStream('workshop-ro-1', [newEvent('RepairOrderOpened')], { expectedVersion: 'noStream' });
      const read = await Promise.race([
        inTx.readStream('workshop-ro-1'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the read waited for a second connection')), 5_000)),
      ]);
      expect(read.streamVersion).toBe(1);
      expect(read.events.map((e) => e.type)).toEqual(['RepairOrderOpened']);
      expect(await inTx.findCommand('no-such-command')).toBeUndefined();
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    // Rolled back: neither the event nor its timer exists.
    expect((await store.readStream('workshop-ro-1')).streamVersion).toBe(0);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM sched.scheduled_commands')).rows[0]).toEqual({ n: 0 });
  });
});
