import { ProjectionConfigError, ProjectionRunner, UnknownProjectionError } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyTotals } from './daily-totals.projection.js';
import { appendSales, capturingLogger, readTotals, sorted, waitFor } from './harness.js';
import { openStore, untilReadable } from './store.js';

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('proj_runner');
  store = await openStore(db);
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

describe('ProjectionRunner', () => {
  it('applies a set-based projection batch by batch and resumes exactly from its checkpoint after a restart', async () => {
    const expected = await appendSales(store, 120, 0);
    await untilReadable(db, store);
    const first = new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals()], batchSize: 17, logger: capturingLogger() });
    const [status] = await first.runUntilCaughtUp();
    expect(status).toMatchObject({ name: 'daily_totals', status: 'running', version: 1, generation: 1, deadLetters: 0 });
    expect(status!.position).toBe(await store.headPosition());
    expect(sorted(await readTotals(db.pool))).toEqual(sorted(expected));

    await appendSales(store, 45, 120, expected);
    await untilReadable(db, store);
    // A fresh runner over the same database: it must neither re-apply the first 120 nor miss the next 45.
    const second = new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals()], batchSize: 17, logger: capturingLogger() });
    await second.runUntilCaughtUp();
    expect(sorted(await readTotals(db.pool))).toEqual(sorted(expected));
    const { rows } = await db.pool.query('SELECT generation, version, status FROM projections.checkpoints WHERE name = $1', ['daily_totals']);
    expect(rows).toEqual([{ generation: 1, version: 1, status: 'running' }]);
  });

  it('follows the log live after start() and publishes position and lag metrics', async () => {
    const registry = new Registry();
    const projection = dailyTotals({ name: 'live_totals' });
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [projection],
      batchSize: 10,
      metrics: registry,
      readSchema: 'live',
      logger: capturingLogger(),
    });
    await runner.start();
    try {
      const caughtUp = async () => {
        const head = await untilReadable(db, store);
        await waitFor(async () => (await runner.status())[0]!.position >= head, 'live catch-up');
      };
      await caughtUp();
      const before = await readTotals(db.pool, 'live.daily_totals');
      const expected = await appendSales(store, 30, 1000, before);
      await caughtUp();
      expect(sorted(await readTotals(db.pool, 'live.daily_totals'))).toEqual(sorted(expected));
      const text = await registry.metrics();
      expect(text).toContain(`rooftop_projection_position{projection="live_totals"} ${await store.headPosition()}`);
      expect(text).toContain('rooftop_projection_lag_events{projection="live_totals"} 0');
    } finally {
      await runner.stop();
    }
  });

  it('rejects bad configuration with typed errors', async () => {
    const make = (overrides: object) => () => new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals()], ...overrides });
    expect(make({ batchSize: 0 })).toThrow(ProjectionConfigError);
    expect(make({ readSchema: 'Read; DROP' })).toThrow(ProjectionConfigError);
    expect(make({ projections: [dailyTotals({ name: 'Bad-Name' })] })).toThrow(ProjectionConfigError);
    expect(make({ projections: [dailyTotals(), dailyTotals()] })).toThrow(/registered twice/);
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals()] });
    await expect(runner.rebuild('nope')).rejects.toBeInstanceOf(UnknownProjectionError);
  });

  it('refuses a projection whose read view name belongs to another projection', async () => {
    // `daily_totals` already owns read.daily_totals; a second projection with the same table must not take it.
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: [dailyTotals({ name: 'clashing' })], logger: capturingLogger() });
    await expect(runner.runUntilCaughtUp()).rejects.toMatchObject({ code: 'PROJECTION_CONFIG_INVALID' });
    const { rows } = await db.pool.query("SELECT name FROM projections.checkpoints WHERE name = 'clashing'");
    expect(rows).toEqual([]);
  });
});
