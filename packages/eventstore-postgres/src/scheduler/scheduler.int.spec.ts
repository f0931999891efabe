import { type ScheduledCommand, ValidationError } from '@rooftop/eventsourcing';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpCommand, followUpEntry } from './fixtures/follow-up.js';
import { migrateScheduler } from './migrate.js';
import { PostgresCommandScheduler } from './postgres-command-scheduler.js';

const T0 = new Date('2026-11-23T02:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('PostgresCommandScheduler', () => {
  let db: TestDatabase;
  let scheduler: PostgresCommandScheduler;
  const statusOf = async (scheduleId: string) => (await scheduler.find(scheduleId))?.status;

  beforeAll(async () => {
    db = await createTestDatabase('scheduler');
    await migrateScheduler(db.pool);
    scheduler = new PostgresCommandScheduler({ pool: db.pool, clock: () => T0 });
  });
  afterAll(async () => db.drop());

  it('migrates idempotently, once even when several processes race on a fresh schema', async () => {
    expect(await migrateScheduler(db.pool)).toEqual([]);
    const results = await Promise.all([1, 2, 3, 4].map(() => migrateScheduler(db.pool, 'scheduler_race')));
    expect(results.flat()).toEqual([1]);
    const { rows } = await db.pool.query(`SELECT version FROM scheduler_race.scheduler_migrations`);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(migrateScheduler(db.pool, 'x"; DROP TABLE y; --')).rejects.toBeInstanceOf(ValidationError);
    expect(() => new PostgresCommandScheduler({ pool: db.pool, schema: 'Bad-Name' })).toThrow(ValidationError);
  });

  it('stores an entry with its command, due time and pending status', async () => {
    await scheduler.schedule([followUpEntry('store-a', later(60_000))]);
    expect(await scheduler.find('store-a')).toMatchObject({
      scheduleId: 'store-a',
      dueAt: later(60_000),
      nextAttemptAt: later(60_000),
      command: followUpCommand('cmd-store-a', 'store-a'),
      status: 'pending',
      attempts: 0,
    });
    expect(await scheduler.find('never-scheduled')).toBeUndefined();
  });

  it('is idempotent by scheduleId: the first schedule wins, across calls and within one batch', async () => {
    await scheduler.schedule([followUpEntry('idem', later(1_000), 'first')]);
    await scheduler.schedule([followUpEntry('idem', later(5_000), 'second')]);
    await scheduler.schedule([followUpEntry('idem-batch', later(1_000), 'one'), followUpEntry('idem-batch', later(2_000), 'two')]);
    expect(await scheduler.find('idem')).toMatchObject({ dueAt: later(1_000), command: { commandId: 'first' } });
    expect(await scheduler.find('idem-batch')).toMatchObject({ dueAt: later(1_000), command: { commandId: 'one' } });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM scheduler.scheduled_commands WHERE schedule_id LIKE 'idem%'`);
    expect(rows[0].n).toBe(2);
  });

  it('refuses a batch with an invalid entry whole, with a typed error and nothing written', async () => {
    const batch = [
      followUpEntry('valid-neighbour', later(0)),
      { scheduleId: 'bad', dueAt: new Date('2026-13-45'), command: { ...followUpCommand('x'), storeId: '' } },
    ] as ScheduledCommand[];
    const error = await scheduler.schedule(batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['[1].dueAt', '[1].command.storeId']);
    expect(await scheduler.find('valid-neighbour')).toBeUndefined();

    const unserialisable = { ...followUpEntry('bigint', later(0)), command: { ...followUpCommand('b'), data: { n: 1n } } };
    await expect(scheduler.schedule([unserialisable])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await scheduler.find('bigint')).toBeUndefined();
    await expect(scheduler.cancel('')).rejects.toBeInstanceOf(ValidationError);
  });

  it("schedules inside the caller's transaction: nothing on rollback, the entry on commit", async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await scheduler.schedule([followUpEntry('tx-rolled-back', later(0))], client);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await scheduler.schedule([followUpEntry('tx-committed', later(0))], client);
      // Not visible outside until the caller commits.
      expect(await scheduler.find('tx-committed')).toBeUndefined();
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await scheduler.find('tx-rolled-back')).toBeUndefined();
    expect(await statusOf('tx-committed')).toBe('pending');
  });

  it('cancels a pending entry once; sent and unknown entries are not cancelled', async () => {
    await scheduler.schedule([followUpEntry('cancel-me', later(0)), followUpEntry('already-sent', later(0))]);
    await db.pool.query(`UPDATE scheduler.scheduled_commands SET status = 'sent' WHERE schedule_id = 'already-sent'`);
    expect(await scheduler.cancel('cancel-me')).toBe(true);
    expect(await scheduler.cancel('cancel-me')).toBe(false);
    expect(await scheduler.cancel('already-sent')).toBe(false);
    expect(await scheduler.cancel('no-such-entry')).toBe(false);
    expect(await statusOf('cancel-me')).toBe('cancelled');
    expect(await statusOf('already-sent')).toBe('sent');
  });

  it('finds "due now" with a range scan of the pending-only index, however much history there is', async () => {
    await migrateScheduler(db.pool, 'scheduler_plan');
    await db.pool.query(
      `INSERT INTO scheduler_plan.scheduled_commands (schedule_id, due_at, next_attempt_at, command, status)
       SELECT 'h' || i, now() - interval '1 day', now() - interval '1 day', '{}'::jsonb, CASE WHEN i % 500 = 0 THEN 'pending' ELSE 'sent' END
       FROM generate_series(1, 20000) AS i`,
    );
    await db.pool.query('ANALYZE scheduler_plan.scheduled_commands');
    const { rows } = await db.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT schedule_id FROM scheduler_plan.scheduled_commands
       WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at, schedule_id LIMIT 50 FOR UPDATE SKIP LOCKED`,
    );
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Scan using scheduled_commands_due/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
