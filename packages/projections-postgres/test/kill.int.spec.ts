import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { migrateProjections, ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyTotals } from './daily-totals.projection.js';
import { appendSales, capturingLogger, readTotals, sorted, waitFor } from './harness.js';
import { openStore, untilReadable } from './store.js';

const KILLS = 22;
const packageDir = fileURLToPath(new URL('..', import.meta.url));

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase('proj_kill');
  store = await openStore(db);
  // The runner creates these itself; done here only so the test can watch the checkpoint before the first life.
  await migrateProjections(db.pool);
});
afterAll(async () => {
  child?.kill('SIGKILL');
  store?.close();
  await db?.drop();
});

const startChild = async (): Promise<ChildProcess> => {
  const started = spawn(process.execPath, ['--import', 'tsx', '--conditions=@rooftop/source', 'test/kill-child.ts'], {
    cwd: packageDir,
    env: { ...process.env, ROOFTOP_KILL_TEST_DB: db.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    started.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
    started.once('exit', (code) => reject(new Error(`runner child exited early (${code}): ${output}`)));
  });
  return started;
};

const kill = async (running: ChildProcess): Promise<void> => {
  const exited = once(running, 'exit');
  running.kill('SIGKILL');
  await exited;
  child = undefined;
};

const checkpoint = async (): Promise<number> => {
  const { rows } = await db.pool.query<{ position: string }>("SELECT position FROM projections.checkpoints WHERE name = 'daily_totals'");
  return Number(rows[0]?.position ?? 0);
};

describe('kill test', () => {
  it(`survives ${KILLS} SIGKILLs at random points with read models equal to a rebuild from position 0`, { timeout: 600_000 }, async () => {
    const expected = await appendSales(store, 100, 0);
    let appending = true;
    const appender = (async () => {
      for (let seed = 100; appending; seed += 3) await appendSales(store, 3, seed, expected);
    })();
    try {
      for (let life = 0; life < KILLS; life += 1) {
        const before = await checkpoint();
        const running = await startChild();
        // Each life must commit something (else we would only be killing start-up), then dies at a random moment.
        await waitFor(async () => (await checkpoint()) > before, `life ${life} to commit a batch`, 120_000);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
        await kill(running);
      }
    } finally {
      appending = false;
      await appender;
    }
    const head = await untilReadable(db, store);
    const last = await startChild();
    await waitFor(async () => (await checkpoint()) >= head, 'the last life to catch up', 120_000);
    await kill(last);

    expect(sorted(await readTotals(db.pool))).toEqual(sorted(expected));
    // The same definition under another name, built once from position 0 without interruption.
    const check = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [dailyTotals({ name: 'daily_totals_check' })],
      readSchema: 'rebuilt',
      logger: capturingLogger(),
    });
    await check.runUntilCaughtUp();
    const rows = async (view: string) => (await db.pool.query(`SELECT * FROM ${view} ORDER BY stream_type, day`)).rows;
    const live = await rows('read.daily_totals');
    expect(live.length).toBeGreaterThan(0);
    expect(live).toEqual(await rows('rebuilt.daily_totals'));
  });
});
