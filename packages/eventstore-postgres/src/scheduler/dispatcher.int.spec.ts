import { type Command, ValidationError } from '@rooftop/eventsourcing';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exponentialBackoff } from './backoff.js';
import { ScheduledCommandDispatcher, type ScheduledCommandDispatcherOptions } from './dispatcher.js';
import { followUpEntry } from './fixtures/follow-up.js';
import { waitFor } from './fixtures/wait-for.js';
import { migrateScheduler } from './migrate.js';
import { PostgresCommandScheduler } from './postgres-command-scheduler.js';

const T0 = new Date('2026-11-23T02:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const silent = { warn: () => undefined, error: () => undefined };

describe('ScheduledCommandDispatcher', () => {
  let db: TestDatabase;
  let schemaCount = 0;

  beforeAll(async () => {
    db = await createTestDatabase('dispatcher');
  });
  afterAll(async () => db.drop());

  /** Each test gets its own scheduler schema, so rows of one test are never due in another. */
  const setup = async (now: { value: Date } = { value: T0 }) => {
    const schema = `sched_${++schemaCount}`;
    await migrateScheduler(db.pool, schema);
    const scheduler = new PostgresCommandScheduler({ pool: db.pool, schema, clock: () => now.value });
    const sent: Command[] = [];
    const dispatcher = (options: Partial<ScheduledCommandDispatcherOptions> = {}) =>
      new ScheduledCommandDispatcher({
        pool: db.pool,
        schema,
        send: async (command) => void sent.push(command),
        clock: () => now.value,
        listen: false,
        logger: silent,
        ...options,
      });
    return { schema, scheduler, sent, dispatcher, now };
  };

  it('sends due entries once, in due order, and leaves not-yet-due entries pending', async () => {
    const { scheduler, sent, dispatcher } = await setup();
    await scheduler.schedule([
      followUpEntry('tomorrow', later(86_400_000)),
      followUpEntry('b', later(-1_000)),
      followUpEntry('a', later(-2_000)),
      followUpEntry('now', T0),
    ]);
    const d = dispatcher();
    expect(await d.runOnce()).toEqual({ claimed: 3, sent: 3, retried: 0, failed: 0 });
    expect(await d.runOnce()).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0 });
    expect(sent.map((c) => c.commandId)).toEqual(['cmd-a', 'cmd-b', 'cmd-now']);
    expect(await scheduler.find('now')).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0 });
    expect(await scheduler.find('tomorrow')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('never sends a cancelled entry', async () => {
    const { scheduler, sent, dispatcher } = await setup();
    await scheduler.schedule([followUpEntry('cancelled', T0), followUpEntry('kept', T0)]);
    expect(await scheduler.cancel('cancelled')).toBe(true);
    await dispatcher().runOnce();
    expect(sent.map((c) => c.commandId)).toEqual(['cmd-kept']);
    expect(await scheduler.cancel('kept')).toBe(false);
  });

  it('backs off exponentially after a failed send and parks the entry as failed after maxAttempts, keeping the error', async () => {
    const now = { value: T0 };
    const { scheduler, dispatcher } = await setup(now);
    let calls = 0;
    const d = dispatcher({
      maxAttempts: 3,
      backoff: exponentialBackoff({ baseMs: 1_000 }),
      send: async () => {
        throw new ValidationError(`upstream refused #${++calls}`, []);
      },
    });
    await scheduler.schedule([followUpEntry('flaky', T0)]);

    expect(await d.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await scheduler.find('flaky')).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: later(1_000),
      lastError: 'VALIDATION_FAILED: upstream refused #1',
    });
    expect(await d.runOnce()).toMatchObject({ claimed: 0 });

    now.value = later(1_000);
    expect(await d.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await scheduler.find('flaky')).toMatchObject({ attempts: 2, nextAttemptAt: later(3_000) });
    now.value = later(2_999);
    expect(await d.runOnce()).toMatchObject({ claimed: 0 });

    now.value = later(3_000);
    expect(await d.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await scheduler.find('flaky')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'VALIDATION_FAILED: upstream refused #3' });
    now.value = later(86_400_000);
    expect(await d.runOnce()).toMatchObject({ claimed: 0 });
    expect(calls).toBe(3);
    expect(await scheduler.cancel('flaky')).toBe(false);
  });

  it('delivers on a retry after a transient failure', async () => {
    const now = { value: T0 };
    const { scheduler, sent, dispatcher } = await setup(now);
    let fail = true;
    const d = dispatcher({
      send: async (command) => {
        if (fail) throw new Error('nats: no responders');
        sent.push(command);
      },
    });
    await scheduler.schedule([followUpEntry('transient', T0)]);
    await d.runOnce();
    fail = false;
    now.value = later(1_000);
    expect(await d.runOnce()).toMatchObject({ sent: 1 });
    expect(await scheduler.find('transient')).toMatchObject({ status: 'sent', attempts: 2, lastError: 'Error: nats: no responders' });
  });

  it('a new dispatcher instance (a restart) delivers entries scheduled before it existed', async () => {
    const { schema, scheduler } = await setup();
    await scheduler.schedule([followUpEntry('before-restart-1', later(-60_000)), followUpEntry('before-restart-2', T0)]);
    const first = new ScheduledCommandDispatcher({ pool: db.pool, schema, send: async () => undefined, clock: () => T0, listen: false, logger: silent });
    first.start();
    await first.stop();

    // A fresh process: its own pool, its own dispatcher.
    const pool = new pg.Pool({ connectionString: db.url, max: 3 });
    try {
      const delivered: string[] = [];
      const restarted = new ScheduledCommandDispatcher({
        pool,
        schema,
        send: async (c) => void delivered.push(c.commandId),
        clock: () => T0,
        listen: false,
        logger: silent,
      });
      await restarted.runOnce();
      expect(new Set(delivered).size).toBe(delivered.length);
      expect((await scheduler.find('before-restart-1'))?.status).toBe('sent');
      expect((await scheduler.find('before-restart-2'))?.status).toBe('sent');
    } finally {
      await pool.end();
    }
  });

  it('two dispatchers racing over 500 due entries send every entry exactly once', async () => {
    const { schema, scheduler } = await setup();
    const entries = Array.from({ length: 500 }, (_, i) => followUpEntry(`race-${String(i).padStart(3, '0')}`, later(-i)));
    await scheduler.schedule(entries);
    const sends = new Map<string, number>();
    const byDispatcher = [0, 0];
    const pools = [new pg.Pool({ connectionString: db.url, max: 3 }), new pg.Pool({ connectionString: db.url, max: 3 })];
    try {
      const drain = async (index: number) => {
        const d = new ScheduledCommandDispatcher({
          pool: pools[index]!,
          schema,
          batchSize: 20,
          clock: () => T0,
          listen: false,
          logger: silent,
          send: async (command) => {
            sends.set(command.commandId, (sends.get(command.commandId) ?? 0) + 1);
            byDispatcher[index]!++;
            // Yield so the other dispatcher's claim runs while this batch is still locked.
            await new Promise((resolve) => setImmediate(resolve));
          },
        });
        while ((await d.runOnce()).claimed > 0);
      };
      await Promise.all([drain(0), drain(1)]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    expect(sends.size).toBe(500);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(byDispatcher[0]! + byDispatcher[1]!).toBe(500);
    expect(byDispatcher.every((n) => n > 0)).toBe(true);
    const { rows } = await db.pool.query(`SELECT status, count(*)::int AS n FROM ${schema}.scheduled_commands GROUP BY status`);
    expect(rows).toEqual([{ status: 'sent', n: 500 }]);
  });

  it('wakes on NOTIFY for an entry due now or soon, long before its next poll', async () => {
    const { schema, scheduler, sent } = await setup();
    const d = new ScheduledCommandDispatcher({
      pool: db.pool,
      schema,
      send: async (command) => void sent.push(command),
      pollIntervalMs: 600_000,
      logger: silent,
    });
    d.start();
    try {
      await waitFor(async () => {
        const { rows } = await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = $1`, [
          `LISTEN "${schema}_scheduled_commands"`,
        ]);
        return rows.length > 0;
      }, 'the dispatcher to LISTEN');
      const realScheduler = new PostgresCommandScheduler({ pool: db.pool, schema });
      await realScheduler.schedule([followUpEntry('due-now', new Date())]);
      await waitFor(async () => sent.some((c) => c.commandId === 'cmd-due-now'), 'the NOTIFY-woken delivery');
      await realScheduler.schedule([followUpEntry('due-in-a-moment', new Date(Date.now() + 1_500))]);
      await waitFor(async () => sent.some((c) => c.commandId === 'cmd-due-in-a-moment'), 'the timer armed by NOTIFY');
    } finally {
      await d.stop();
    }
    expect(await scheduler.find('due-in-a-moment')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('stop() lets the in-flight batch finish and commit', async () => {
    const { schema, scheduler } = await setup();
    await scheduler.schedule([followUpEntry('in-flight', later(-1))]);
    let release: () => void = () => undefined;
    let entered = false;
    const d = new ScheduledCommandDispatcher({
      pool: db.pool,
      schema,
      clock: () => T0,
      listen: false,
      logger: silent,
      send: () => {
        entered = true;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    d.start();
    await waitFor(async () => entered, 'the send to start');
    let stopped = false;
    const stopping = d.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    expect((await scheduler.find('in-flight'))?.status).toBe('pending');
    release();
    await stopping;
    expect((await scheduler.find('in-flight'))?.status).toBe('sent');
  });

  it('holds no connection while a command runs: a command on a one-connection pool is delivered', async () => {
    const { schema, scheduler } = await setup();
    await scheduler.schedule([followUpEntry('one-connection', later(-1))]);
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      const d = new ScheduledCommandDispatcher({
        pool,
        schema,
        clock: () => T0,
        listen: false,
        logger: silent,
        // The command needs the pool's only connection, as a handler sharing the dispatcher's pool would.
        send: async (command) => void (await pool.query('SELECT $1::text', [command.commandId])),
      });
      expect(await d.runOnce()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
      expect(await scheduler.find('one-connection')).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await pool.end();
    }
  });

  it('leases what it claims: another dispatcher skips it until the lease ends, and a cancellation during the send stands', async () => {
    const { scheduler, dispatcher, sent, now } = await setup({ value: T0 });
    await scheduler.schedule([followUpEntry('leased', later(-1))]);
    let release: () => void = () => undefined;
    const slow = dispatcher({ leaseMs: 30_000, send: () => new Promise<void>((resolve) => (release = resolve)) });
    const first = slow.runOnce();
    await waitFor(async () => (await scheduler.find('leased'))?.nextAttemptAt.getTime() === later(30_000).getTime(), 'the claim to commit');
    expect(await dispatcher().runOnce()).toMatchObject({ claimed: 0 });
    expect(await scheduler.cancel('leased')).toBe(true);
    release();
    expect(await first).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });
    expect((await scheduler.find('leased'))?.status).toBe('cancelled');
    now.value = later(31_000);
    expect(await dispatcher().runOnce()).toMatchObject({ claimed: 0 });
    expect(sent).toEqual([]);
  });

  it('refuses nonsensical options with a typed error', () => {
    const send = async () => undefined;
    expect(() => new ScheduledCommandDispatcher({ pool: db.pool, send, leaseMs: 0 })).toThrow(ValidationError);
    expect(() => new ScheduledCommandDispatcher({ pool: db.pool, send, batchSize: 0 })).toThrow(ValidationError);
    expect(() => new ScheduledCommandDispatcher({ pool: db.pool, send, maxAttempts: 1.5 })).toThrow(ValidationError);
    expect(() => new ScheduledCommandDispatcher({ pool: db.pool, send, schema: 'a;b' })).toThrow(ValidationError);
    expect(() => exponentialBackoff({ baseMs: 0 })).toThrow(ValidationError);
    expect([1, 2, 3, 20].map(exponentialBackoff({ baseMs: 1_000, maxMs: 5_000 }))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });
});
