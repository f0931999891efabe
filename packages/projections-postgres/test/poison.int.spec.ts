import { type PgProjection, ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyTotals, SALE, type SaleData } from './daily-totals.projection.js';
import { eventCounts } from './event-counts.projection.js';
import { appendSales, capturingLogger, event, readTotals, sorted, waitFor } from './harness.js';
import { openStore, untilReadable } from './store.js';

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;
let poisonPosition: number;

beforeAll(async () => {
  db = await createTestDatabase('proj_poison');
  store = await openStore(db);
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const appendWithPoison = async (seed: number) => {
  const expected = await appendSales(store, 20, seed);
  const bad = await store.appendToStream('sales-deal-bad', [event(SALE, 'twelve yuan', '2025-03-01T02:00:00.000Z')], { expectedVersion: 'any' });
  poisonPosition = bad.events[0]!.globalPosition;
  await appendSales(store, 20, seed + 20, expected);
  await untilReadable(db, store);
  return expected;
};

/** The same projection after its bug is fixed: malformed amounts are ignored instead of failing the cast. */
const fixed = (projection: PgProjection): PgProjection => ({
  ...projection,
  apply: (events, context) =>
    projection.apply(
      events.filter((e) => /^\d+$/.test((e.data as SaleData).amountFen)),
      context,
    ),
});

const counter = async (registry: Registry, projection: string) =>
  (await registry.getSingleMetric('rooftop_projection_poison_events_total')!.get()).values.find((v) => v.labels.projection === projection)?.value;

describe('poison events', () => {
  it('park: the culprit goes to the dead letters with its error, is reported, and every other event is applied', async () => {
    const expected = await appendWithPoison(0);
    const logger = capturingLogger();
    const registry = new Registry();
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [dailyTotals({ name: 'parked' })],
      readSchema: 'parked',
      batchSize: 8,
      logger,
      metrics: registry,
    });
    const [status] = await runner.runUntilCaughtUp();
    expect(status).toMatchObject({ status: 'running', deadLetters: 1, position: await store.headPosition() });
    expect(sorted(await readTotals(db.pool, 'parked.daily_totals'))).toEqual(sorted(expected));

    const { rows } = await db.pool.query('SELECT * FROM projections.dead_letters WHERE projection = $1', ['parked']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      global_position: String(poisonPosition),
      type: SALE,
      data: { amountFen: 'twelve yuan' },
      metadata: { storeId: 'store-1' },
    });
    expect(rows[0].error).toMatch(/22P02.*invalid input syntax for type bigint/);
    expect(rows[0].event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([
      expect.objectContaining({ obj: expect.objectContaining({ projection: 'parked', action: 'parked', globalPosition: poisonPosition }) }),
    ]);
    expect(await counter(registry, 'parked')).toBe(1);

    // Running again neither re-parks nor re-counts: the checkpoint is past the culprit.
    await runner.runUntilCaughtUp();
    expect(await counter(registry, 'parked')).toBe(1);

    // A rebuild meets the culprit again inside a batch: the batch is retried event by event, the culprit
    // parked (still one dead-letter row), and the new generation holds every other event.
    const rebuilt = await runner.rebuild('parked');
    expect(rebuilt).toMatchObject({ generation: 2, position: await store.headPosition() });
    expect(sorted(await readTotals(db.pool, 'parked.daily_totals'))).toEqual(sorted(expected));
    const { rows: letters } = await db.pool.query('SELECT global_position FROM projections.dead_letters WHERE projection = $1', ['parked']);
    expect(letters).toEqual([{ global_position: String(poisonPosition) }]);
    expect(await counter(registry, 'parked')).toBe(2);
  });

  it('stop: the projection stops just before the culprit, others keep going, and resume after a fix applies it', async () => {
    const logger = capturingLogger();
    const registry = new Registry();
    const stopping = dailyTotals({ name: 'stopping' });
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: [stopping, eventCounts()],
      readSchema: 'stopping',
      poison: 'stop',
      batchSize: 8,
      logger,
      metrics: registry,
    });
    await runner.start();
    try {
      const stoppedAt = async () => (await runner.status()).find((s) => s.name === 'stopping');
      await waitFor(async () => (await stoppedAt())?.status === 'stopped', 'the stop');
      expect(await stoppedAt()).toMatchObject({ position: poisonPosition - 1, deadLetters: 1 });
      // Every event before the culprit is applied, none after it.
      const { rows: before } = await db.pool.query('SELECT sum(events)::int AS n FROM stopping.daily_totals');
      expect(before[0].n).toBe(20);
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'error', obj: expect.objectContaining({ projection: 'stopping', action: 'stopped' }) }),
      );
      expect(await counter(registry, 'stopping')).toBe(1);

      await appendSales(store, 10, 500);
      const head = await untilReadable(db, store);
      await waitFor(async () => (await runner.status()).find((s) => s.name === 'event_counts')!.position >= head, 'the healthy projection');
      expect((await stoppedAt())!.position).toBe(poisonPosition - 1);
    } finally {
      await runner.stop();
    }

    const repaired = new ProjectionRunner({ pool: db.pool, store, projections: [fixed(stopping)], readSchema: 'stopping', poison: 'stop', logger });
    expect(await repaired.resume('stopping')).toMatchObject({ status: 'running' });
    const [after] = await repaired.runUntilCaughtUp();
    expect(after).toMatchObject({ status: 'running', position: await untilReadable(db, store) });
    const { rows } = await db.pool.query('SELECT sum(events)::int AS n FROM stopping.daily_totals');
    expect(rows[0].n).toBe(50);
  });
});
