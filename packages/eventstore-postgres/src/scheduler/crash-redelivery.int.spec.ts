import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateEventStore, PostgresEventStore } from '../index.js';
import { followUpEntry } from './fixtures/follow-up.js';
import { waitFor } from './fixtures/wait-for.js';
import { migrateScheduler } from './migrate.js';
import { PostgresCommandScheduler } from './postgres-command-scheduler.js';

const CHILD = fileURLToPath(new URL('./fixtures/dispatcher-process.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const APPLICATION_NAME = 'rooftop-scheduler-crash-test';
const ENTRIES = 25;
const BATCH_SIZE = 10;
const HANG_AFTER = 15;
const LEASE_MS = 500;

interface Child {
  readonly process: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

const startDispatcherProcess = (db: TestDatabase, extraEnv: Record<string, string> = {}): Child => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@rooftop/source', CHILD], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      APPLICATION_NAME,
      SCHEDULER_SCHEMA: 'scheduler',
      EVENTSTORE_SCHEMA: 'eventstore',
      BATCH_SIZE: String(BATCH_SIZE),
      LEASE_MS: String(LEASE_MS),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
};

describe('scheduled commands across a dispatcher crash', () => {
  let db: TestDatabase;
  let running: Child | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('scheduler_crash');
    await migrateScheduler(db.pool, 'scheduler');
    await migrateEventStore(db.pool, 'eventstore');
    await db.pool.query(`CREATE TABLE public.deliveries (n bigserial PRIMARY KEY, command_id text NOT NULL)`);
  });
  afterAll(async () => {
    running?.process.kill('SIGKILL');
    await db.drop();
  });

  it('redelivers what a SIGKILLed dispatcher sent but never marked, once its lease ends, and the handler appends each command once', async () => {
    const scheduler = new PostgresCommandScheduler({ pool: db.pool });
    const base = Date.parse('2026-11-20T02:00:00Z');
    // Distinct due times fix the delivery order, so we know which entries the killed batch had delivered.
    const entries = Array.from({ length: ENTRIES }, (_, i) => followUpEntry(`ro-${String(i).padStart(2, '0')}`, new Date(base + i * 1_000)));
    await scheduler.schedule(entries);

    running = startDispatcherProcess(db, { HANG_AFTER_DELIVERIES: String(HANG_AFTER) });
    await waitFor(async () => running!.output().includes('HANGING') || running!.output().includes('Error'), 'the dispatcher to stop mid-batch');
    expect(running.output()).toContain('HANGING');
    running.process.kill('SIGKILL');
    expect(await running.exited).toBeNull();
    // Its sessions end when PostgreSQL notices the closed sockets (an insert in flight is rolled back); wait for that.
    await waitFor(async () => {
      const { rows } = await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [APPLICATION_NAME]);
      return rows.length === 0;
    }, 'the killed dispatcher sessions to end');

    const afterCrash = await db.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM scheduler.scheduled_commands GROUP BY status ORDER BY status`,
    );
    // Each row is marked as its command is answered: all but the one whose command ran when the process died.
    expect(afterCrash.rows).toEqual([
      { status: 'pending', n: ENTRIES - (HANG_AFTER - 1) },
      { status: 'sent', n: HANG_AFTER - 1 },
    ]);

    // The killed dispatcher's claimed rows come due again when their lease ends.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 100));
    running = startDispatcherProcess(db);
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('DRAINED');

    const { rows: deliveries } = await db.pool.query<{ command_id: string; n: number }>(
      `SELECT command_id, count(*)::int AS n FROM public.deliveries GROUP BY command_id ORDER BY command_id`,
    );
    const redelivered = deliveries.filter((d) => d.n > 1).map((d) => d.command_id);
    expect(deliveries).toHaveLength(ENTRIES);
    expect(redelivered).toEqual([entries[HANG_AFTER - 1]!.command.commandId]);
    expect(deliveries.every((d) => d.n <= 2)).toBe(true);

    // The effect: every command appended its event exactly once, redelivered or not.
    const store = new PostgresEventStore({ pool: db.pool, schema: 'eventstore' });
    for (const entry of entries) {
      const { streamVersion, events } = await store.readStream(`workshop-followup-${entry.scheduleId}`);
      expect(streamVersion).toBe(1);
      expect(events.map((e) => [e.type, e.metadata.commandId])).toEqual([['FollowUpDue', entry.command.commandId]]);
    }
    const { rows: statuses } = await db.pool.query(`SELECT DISTINCT status FROM scheduler.scheduled_commands`);
    expect(statuses).toEqual([{ status: 'sent' }]);
  });
});
