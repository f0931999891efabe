import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KpiPoint, PARTS_KPI_STOCK, partsKpiProjections, queryKpis } from '../src/index.js';
import { appendEvents, partsEvents } from '../src/testing/index.js';
import { openStore, untilReadable } from './harness.js';

// A parts week worked out by hand (fen). F: genuine oil filter, M: accessory floor mat, both 长安.
//   Mon 01-06  receive F 10 @ 30.00 (value 300.00); receive M 2 @ 200.00 (value 400.00)
//   Tue 01-07  issue F 4 to ro-1 at cost 120.00, price 200.00 (F 6 / 180.00); unmet demand for X (not in the master)
//   Wed 01-08  return F 1 from ro-1 at 30.00 / 50.00 (F 7 / 210.00); sell M 1 for 400.00 − 40.00 discount, cost 200.00 (M 1 / 200.00)
//   Thu 01-09  counter sale F 2 at 60.00 / 100.00 (F 5 / 150.00); count finds 4: −1 at 30.00 (F 4 / 120.00)
//   Fri 01-10  transfer F 1 to store-q at 30.00 (F 3 / 90.00)
//   Fri 08-01  receive F 2 @ 30.00 (F 5 / 150.00) — the first movement after F turned slow-moving on 07-09
const F = { partNumber: 'P-F', kind: 'genuine' as const, brand: '长安' };
const M = { partNumber: 'A-M', kind: 'accessory' as const, brand: '长安' };
const e = partsEvents({ storeId: 'store-p' });
const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

const events = [
  e.registered({ ...F, name: '机油滤清器', cost: 3_000, price: 5_000, reorderPoint: 5 }, at('2025-01-06', 9)),
  e.registered({ ...M, name: '脚垫', cost: 20_000, price: 40_000, reorderPoint: 0 }, at('2025-01-06', 9)),
  e.received(F, { quantity: 10, cost: 30_000, onHand: 10, stockValue: 30_000 }, 'po-1', at('2025-01-06')),
  e.received(M, { quantity: 2, cost: 40_000, onHand: 2, stockValue: 40_000 }, 'po-1', at('2025-01-06', 11)),
  e.issued(F, { quantity: 4, cost: 12_000, onHand: 6, stockValue: 18_000 }, 'ro-1', 20_000, at('2025-01-07')),
  e.demandUnmet('P-X', 1, at('2025-01-07', 11)),
  e.returned(F, { quantity: 1, cost: 3_000, onHand: 7, stockValue: 21_000 }, 'ro-1', 5_000, at('2025-01-08')),
  e.accessorySold(M, { quantity: 1, cost: 20_000, onHand: 1, stockValue: 20_000 }, 's-1', 40_000, 4_000, at('2025-01-08', 11)),
  e.soldOverCounter(F, { quantity: 2, cost: 6_000, onHand: 5, stockValue: 15_000 }, 's-2', 10_000, at('2025-01-09')),
  e.counted(F, { counted: 4, adjustment: -1, costDelta: -3_000, onHand: 4, stockValue: 12_000 }, at('2025-01-09', 17)),
  e.shipped({ ...F, name: '机油滤清器', price: 5_000 }, { quantity: 1, cost: 3_000, onHand: 3, stockValue: 9_000 }, 't-1', 'store-q', at('2025-01-10')),
  e.received(F, { quantity: 2, cost: 6_000, onHand: 5, stockValue: 15_000 }, 'po-2', at('2025-08-01')),
];

const KPIS = [
  'parts.purchases',
  'parts.sales',
  'parts.grossMargin',
  'parts.fillRate',
  'parts.stockValue',
  'parts.turnover',
  'parts.slowMovingValue',
  'parts.accessorySales',
] as const;
type Row = [number, number, number | null, number | null, number, number | null, number, number];

const DAYS: Record<string, Row> = {
  //            purchases sales   margin           fill   stock   turnover         slow accessory
  '2025-01-06': [70_000, 0, null, null, 70_000, 0 / 70_000, 0, 0],
  '2025-01-07': [0, 20_000, 8_000 / 20_000, 1 / 2, 58_000, 12_000 / 58_000, 0, 0],
  '2025-01-08': [0, 31_000, 14_000 / 31_000, 1 / 1, 41_000, 17_000 / 41_000, 0, 36_000],
  '2025-01-09': [0, 10_000, 4_000 / 10_000, 1 / 1, 32_000, 6_000 / 32_000, 0, 0],
  '2025-01-10': [0, 0, null, null, 29_000, 0 / 29_000, 0, 0],
};
const WEEK: Row = [70_000, 61_000, 26_000 / 61_000, 3 / 4, 29_000, 35_000 / 29_000, 0, 36_000];

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('kpi_parts_scenario');
  store = await openStore(db);
  await appendEvents(store, events);
  await untilReadable(db, store);
  await new ProjectionRunner({ pool: db.pool, store, projections: partsKpiProjections({ timeZone: 'Asia/Shanghai' }), batchSize: 3 }).runUntilCaughtUp();
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const query = (from: string, to: string, granularity: 'DAY' | 'WEEK' | 'MONTH', names: readonly string[] = KPIS) =>
  queryKpis(db.pool, { names: [...names], storeIds: ['store-p'], from, to, granularity, by: [] });

const table = (points: KpiPoint[]): Record<string, Record<string, number | null>> => {
  const t: Record<string, Record<string, number | null>> = {};
  for (const p of points) (t[p.period] ??= {})[p.name] = p.value;
  return t;
};
const rowOf = (cells: Row) => Object.fromEntries(KPIS.map((name, i) => [name, cells[i]!]));

describe('parts KPIs over a hand-computed week of one store', () => {
  it('gives the hand-computed value of every KPI per day', async () => {
    const t = table(await query('2025-01-06', '2025-01-10', 'DAY'));
    for (const [day, cells] of Object.entries(DAYS)) expect(t[day], day).toEqual(rowOf(cells));
  });

  it('gives the week as Σ numerator ÷ Σ denominator, with stock as the balance at the week’s end', async () => {
    expect(table(await query('2025-01-06', '2025-01-12', 'WEEK'))['2025-01-06']).toEqual(rowOf(WEEK));
  });

  it('reads a balance at the range end when the range ends inside the period', async () => {
    const [point] = await query('2025-01-01', '2025-01-07', 'MONTH', ['parts.stockValue']);
    expect(point).toMatchObject({ period: '2025-01-01', periodEnd: '2025-01-31', value: 58_000 });
  });

  it('counts stock as slow-moving 180 days after its last movement, until it moves again', async () => {
    const days = table(await query('2025-07-04', '2025-07-09', 'DAY', ['parts.slowMovingValue']));
    // M last moved 01-08 (200.00 left), F last moved 01-10 (90.00 left).
    expect(Object.fromEntries(Object.entries(days).map(([d, v]) => [d, v['parts.slowMovingValue']]))).toEqual({
      '2025-07-04': 0,
      '2025-07-05': 0,
      '2025-07-06': 0,
      '2025-07-07': 20_000,
      '2025-07-08': 20_000,
      '2025-07-09': 29_000,
    });
    const months = table(await query('2025-07-01', '2025-08-31', 'MONTH', ['parts.slowMovingValue', 'parts.stockValue']));
    expect(months).toEqual({
      '2025-07-01': { 'parts.slowMovingValue': 29_000, 'parts.stockValue': 29_000 },
      '2025-08-01': { 'parts.slowMovingValue': 20_000, 'parts.stockValue': 35_000 },
    });
  });

  it('keeps the stock list the low-stock work list reads', async () => {
    const { rows } = await db.pool.query(
      `SELECT part_number, part_kind, on_hand, reorder_point, stock_value_fen::int AS value, last_movement_on::text AS last FROM read.${PARTS_KPI_STOCK} ORDER BY part_number`,
    );
    expect(rows).toEqual([
      { part_number: 'A-M', part_kind: 'accessory', on_hand: 1, reorder_point: 0, value: 20_000, last: '2025-01-08' },
      { part_number: 'P-F', part_kind: 'genuine', on_hand: 5, reorder_point: 5, value: 15_000, last: '2025-08-01' },
    ]);
  });

  it('breaks purchases down by part kind', async () => {
    const points = await queryKpis(db.pool, {
      names: ['parts.purchases'],
      storeIds: ['store-p'],
      from: '2025-01-06',
      to: '2025-01-12',
      granularity: 'WEEK',
      by: ['partKind'],
    });
    expect(points.map((p) => [p.dimensions.partKind, p.value])).toEqual([
      ['accessory', 40_000],
      ['genuine', 30_000],
      [null, 0],
    ]); // null: the unmet demand for a part not in the master
  });
});
