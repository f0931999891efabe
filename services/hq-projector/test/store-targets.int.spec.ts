import { ValidationError } from '@rooftop/eventsourcing';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type KpiPoint, KpiQueryCache, type KpiQuery, queryKpis, workshopKpiProjections } from '@rooftop/kpis';
import { appendEvents, workshopEvents } from '@rooftop/kpis/testing';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGroupTargets, migrateHqSchema, readStoreTargets, upsertStores } from '../src/index.js';

// After-sales store targets loaded by HQ and read by queryKpis as the target of their KPIs, against numbers
// worked out by hand. The workshop facts come from the store runner writing its read views into the HQ schema
// (the HQ projector writes the same tables); a projector checkpoint row stands for the projector's batches, so
// KpiQueryCache, which validates an HQ schema against it, is live here and a target load has to invalidate it.

const SCHEMA = 'hq';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const storeEntry = (storeId: string) => ({ storeId, name: `${storeId} 4S店`, brands: ['Changan'], region: 'east', timeZone: 'Asia/Shanghai' });
const money = (amount: number) => ({ amount, currency: 'CNY' });
const NAMES = ['workshop.output', 'workshop.vehiclesIn'];

const pick = (points: KpiPoint[], name: string, storeId?: string) => {
  const point = points.find((p) => p.name === name && p.storeId === storeId);
  if (!point) throw new Error(`no point ${name} ${storeId ?? ''}`);
  return { value: point.value, target: point.target, attainment: point.attainment };
};

describe('after-sales store targets', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('hq_store_targets');
    await migrateEventStore(db.pool);
    store = new PostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
    await migrateHqSchema(db.pool, SCHEMA, []);
    await upsertStores(db.pool, SCHEMA, [storeEntry('s1'), storeEntry('s2')]);

    const ro = (storeId: string, repairOrderId: string, at: string, labourFen: number, partsFen: number) => {
      const e = workshopEvents({ storeId });
      const dims = { repairOrderId, brand: 'Changan', roType: 'repair' as const, serviceAdvisorId: 'sa1' };
      return [e.opened(dims, at), e.invoiced({ ...dims, labourFen, partsFen, technicians: [{ technicianId: 't1', labourHours: 1 }] }, at)];
    };
    // s1: 50,000 on Mon 3 March, 150,000 on 10 March, 40,000 on 2 April; s2: 100,000 on 5 March (fen).
    await appendEvents(store, [
      ...ro('s1', 'R1', '2025-03-03T02:00:00Z', 30_000, 20_000),
      ...ro('s1', 'R2', '2025-03-10T02:00:00Z', 100_000, 50_000),
      ...ro('s1', 'R3', '2025-04-02T02:00:00Z', 25_000, 15_000),
      ...ro('s2', 'R4', '2025-03-05T02:00:00Z', 60_000, 40_000),
    ]);
    const { rows } = await db.pool.query<{ head: string }>(`SELECT max(global_position)::text AS head FROM ${store.names.events}`);
    while ((await store.headPosition()) < Number(rows[0]!.head)) await new Promise((resolve) => setTimeout(resolve, 25));
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: workshopKpiProjections({ timeZone: 'Asia/Shanghai' }),
      readSchema: SCHEMA,
      logger: quiet,
    });
    await runner.runUntilCaughtUp();
    // What the HQ projector's batches leave: its checkpoint, which KpiQueryCache validates an HQ schema against.
    await db.pool.query(`INSERT INTO ${SCHEMA}.projector_checkpoint (durable, stream_seq) VALUES ('hq-projector', 1)`);

    // March: s1 310,000 fen (10,000 a day) and 62 vehicles (2 a day); s2 620,000 and 31. April: s1 300,000 (10,000 a day).
    await loadGroupTargets(db.pool, SCHEMA, [
      { storeId: 's1', month: '2025-03', measure: 'afterSalesRevenue', target: money(310_000) },
      { storeId: 's1', month: '2025-03', measure: 'repairVehicles', target: 62 },
      { storeId: 's2', month: '2025-03', measure: 'afterSalesRevenue', target: money(620_000) },
      { storeId: 's2', month: '2025-03', measure: 'repairVehicles', target: 31 },
      { storeId: 's1', month: '2025-04', measure: 'afterSalesRevenue', target: money(300_000) },
    ]);
  });
  afterAll(async () => {
    store.close();
    await db.drop();
  });

  const march = (by: KpiQuery['by'] = []): KpiQuery => ({
    names: NAMES,
    storeIds: ['s1', 's2'],
    from: '2025-03-01',
    to: '2025-03-31',
    granularity: 'MONTH',
    by,
  });

  it('compares the KPIs with the stores’ targets: summed over the group, per store, and prorated by day', async () => {
    const group = await queryKpis(db.pool, march(), { readSchema: SCHEMA });
    expect(pick(group, 'workshop.output')).toEqual({ value: 300_000, target: 930_000, attainment: 300_000 / 930_000 });
    expect(pick(group, 'workshop.vehiclesIn')).toEqual({ value: 3, target: 93, attainment: 3 / 93 });

    const perStore = await queryKpis(db.pool, march(['store']), { readSchema: SCHEMA });
    expect(pick(perStore, 'workshop.output', 's1')).toEqual({ value: 200_000, target: 310_000, attainment: 200_000 / 310_000 });
    expect(pick(perStore, 'workshop.output', 's2')).toEqual({ value: 100_000, target: 620_000, attainment: 100_000 / 620_000 });
    expect(pick(perStore, 'workshop.vehiclesIn', 's2')).toEqual({ value: 1, target: 31, attainment: 1 / 31 });

    // The week of 3..9 March: 7 of March's 31 days.
    const week = await queryKpis(
      db.pool,
      { names: NAMES, storeIds: ['s1'], from: '2025-03-03', to: '2025-03-09', granularity: 'WEEK' },
      { readSchema: SCHEMA },
    );
    expect(pick(week, 'workshop.output')).toEqual({ value: 50_000, target: 70_000, attainment: 50_000 / 70_000 });
    expect(pick(week, 'workshop.vehiclesIn').target).toBeCloseTo(14, 9);

    // 25 March .. 5 April in one YEAR point: 7 days of March and 5 of April at 10,000 a day.
    const span = await queryKpis(
      db.pool,
      { names: ['workshop.output'], storeIds: ['s1'], from: '2025-03-25', to: '2025-04-05', granularity: 'YEAR' },
      { readSchema: SCHEMA },
    );
    expect(pick(span, 'workshop.output')).toEqual({ value: 40_000, target: 120_000, attainment: 40_000 / 120_000 });

    // Targets exist per store: another breakdown has none; a KPI without a store target has none.
    const byType = await queryKpis(db.pool, { ...march(), by: ['roType'] }, { readSchema: SCHEMA });
    expect(byType.map((p) => p.target)).toEqual([null, null]);
    const invoiced = await queryKpis(db.pool, { ...march(), names: ['workshop.rosInvoiced'] }, { readSchema: SCHEMA });
    expect(invoiced.map((p) => [p.value, p.target])).toEqual([[3, null]]);
  });

  it('a load invalidates cached answers, replaces a (store, month) in full, and a refused load changes nothing', async () => {
    const cache = new KpiQueryCache();
    const before = await queryKpis(db.pool, march(), { readSchema: SCHEMA, cache });
    expect(await queryKpis(db.pool, march(), { readSchema: SCHEMA, cache })).toEqual(before);
    const other = { ...march(), names: ['workshop.rosInvoiced'] };
    await queryKpis(db.pool, other, { readSchema: SCHEMA, cache });
    expect([cache.hits, cache.misses]).toEqual([1, 2]);

    // A store outside the directory: typed error naming it, and nothing of the file is written.
    const refused = loadGroupTargets(db.pool, SCHEMA, [
      { storeId: 's1', month: '2025-03', measure: 'afterSalesRevenue', target: money(1) },
      { storeId: 'zz9', month: '2025-03', measure: 'afterSalesRevenue', target: money(1) },
    ]);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toThrow(/zz9/);
    await expect(loadGroupTargets(db.pool, SCHEMA, [{ storeId: 's1', month: '2025-03', measure: 'repairVehicles', target: money(1) }])).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await queryKpis(db.pool, march(), { readSchema: SCHEMA, cache })).toEqual(before);
    expect(cache.hits).toBe(2);

    // s1's March again, with the revenue target doubled and no vehicles target: the file states the month in full.
    expect(await loadGroupTargets(db.pool, SCHEMA, [{ storeId: 's1', month: '2025-03', measure: 'afterSalesRevenue', target: money(620_000) }])).toBe(1);
    expect((await readStoreTargets(db.pool, SCHEMA, ['s1'])).map((t) => [t.month, t.measure, t.target])).toEqual([
      ['2025-03', 'afterSalesRevenue', money(620_000)],
      ['2025-04', 'afterSalesRevenue', money(300_000)],
    ]);
    const after = await queryKpis(db.pool, march(), { readSchema: SCHEMA, cache });
    expect(cache.misses).toBe(3);
    expect(pick(after, 'workshop.output')).toEqual({ value: 300_000, target: 1_240_000, attainment: 300_000 / 1_240_000 });
    expect(pick(after, 'workshop.vehiclesIn')).toEqual({ value: 3, target: 31, attainment: 3 / 31 });
    expect(after).toEqual(await queryKpis(db.pool, march(), { readSchema: SCHEMA }));
    // A read that no target touches keeps its entry.
    await queryKpis(db.pool, other, { readSchema: SCHEMA, cache });
    expect([cache.hits, cache.misses]).toEqual([3, 3]);
  });

  it('a read schema without store targets (a store’s) gives these KPIs no target and the same values', async () => {
    // A store's read schema: the same fact views, no store_targets table.
    await db.pool.query(`CREATE SCHEMA store_read; CREATE VIEW store_read.workshop_kpi_facts AS SELECT * FROM ${SCHEMA}.workshop_kpi_facts`);
    const atStore = await queryKpis(db.pool, march(['store']), { readSchema: 'store_read', cache: new KpiQueryCache() });
    const atHq = await queryKpis(db.pool, march(['store']), { readSchema: SCHEMA });
    expect(atStore.map((p) => p.target)).toEqual([null, null, null, null]);
    expect(atStore.map((p) => p.value)).toEqual(atHq.map((p) => p.value));
  });
});
