import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyTotals } from './daily-totals.projection.js';
import { appendSales, capturingLogger, type Expected, readTotals, sorted, waitFor } from './harness.js';
import { openStore, untilReadable } from './store.js';

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;
let expected: Map<string, Expected>;

beforeAll(async () => {
  db = await createTestDatabase('proj_rebuild');
  store = await openStore(db);
  expected = await appendSales(store, 1500, 0);
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const schemaExists = async (schema: string) => (await db.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;

/** Reads the view as a dashboard would, until stopped; records every failure, empty answer and regression. */
const readLoop = () => {
  const seen = { reads: 0, errors: [] as string[], empties: 0, regressions: 0, last: 0 };
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        const { rows } = await db.pool.query<{ n: string | null }>('SELECT sum(events) AS n FROM read.daily_totals');
        const total = Number(rows[0]?.n ?? 0);
        seen.reads += 1;
        if (total === 0 && seen.last > 0) seen.empties += 1;
        if (total < seen.last) seen.regressions += 1;
        seen.last = total;
      } catch (error) {
        seen.errors.push(String(error));
      }
    }
  })();
  return {
    seen,
    stop: async () => {
      running = false;
      await done;
    },
  };
};

describe('rebuild', () => {
  it('builds a new generation from position 0 and swaps it in while reads and live appends go on', async () => {
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals()], batchSize: 50, logger: capturingLogger() });
    await runner.start();
    const reader = readLoop();
    let appending = true;
    const appender = (async () => {
      for (let seed = 10_000; appending; seed += 5) {
        await appendSales(store, 5, seed, expected);
        // Yield to I/O between appends so the appender never starves the runner and the reader.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      await waitFor(() => reader.seen.last > 0, 'first data in the view');
      const readsBefore = reader.seen.reads;
      const rebuilt = await runner.rebuild('daily_totals');
      expect(rebuilt).toMatchObject({ generation: 2, version: 1, status: 'running' });
      expect(reader.seen.reads).toBeGreaterThan(readsBefore);
      appending = false;
      await appender;
      const head = await untilReadable(db, store);
      await waitFor(async () => (await runner.status())[0]!.position >= head, 'catch-up after the swap');
    } finally {
      appending = false;
      await appender;
      await reader.stop();
      await runner.stop();
    }
    expect(reader.seen).toMatchObject({ errors: [], empties: 0, regressions: 0 });
    expect(sorted(await readTotals(db.pool))).toEqual(sorted(expected));
    expect(await schemaExists('proj_daily_totals_g1')).toBe(false);
    expect(await schemaExists('proj_daily_totals_g2')).toBe(true);
  });

  it('rebuilds on start when the projection version changed, and serves the new shape through the same view', async () => {
    const reader = readLoop();
    const logger = capturingLogger();
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals({ version: 2 })], batchSize: 50, logger });
    await runner.start();
    try {
      await waitFor(async () => (await runner.status())[0]!.version === 2, 'the version 2 swap');
      const head = await untilReadable(db, store);
      await waitFor(async () => (await runner.status())[0]!.position >= head, 'catch-up');
    } finally {
      await reader.stop();
      await runner.stop();
    }
    expect(reader.seen).toMatchObject({ errors: [], empties: 0, regressions: 0 });
    expect((await runner.status())[0]).toMatchObject({ generation: 3, version: 2, codeVersion: 2 });
    expect(sorted(await readTotals(db.pool))).toEqual(sorted(expected));
    const { rows } = await db.pool.query<{ largest: string }>('SELECT max(largest_sale_fen) AS largest FROM read.daily_totals');
    expect(Number(rows[0]!.largest)).toBeGreaterThan(0);
    expect(await schemaExists('proj_daily_totals_g2')).toBe(false);
    expect(logger.entries).toContainEqual(expect.objectContaining({ msg: 'projection rebuild swapped in' }));
  });

  it('leaves a projection alone when the stored version is newer than the running code', async () => {
    const logger = capturingLogger();
    const old = new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals({ version: 1 })], logger });
    const [status] = await old.runUntilCaughtUp();
    expect(status).toMatchObject({ version: 2, codeVersion: 1, generation: 3 });
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', obj: expect.objectContaining({ stored: 2, code: 1 }) }));
  });
});
