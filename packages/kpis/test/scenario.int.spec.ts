import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KpiPoint, type KpiQuery, queryKpis, salesKpiProjections } from '../src/index.js';
import { appendEvents } from '../src/testing/sales-events.js';
import { openStore, untilReadable } from './harness.js';
import { scenarioWeek } from './scenario-week.js';

// The week in scenario-week.ts, worked out by hand. Column order of every row below:
const KPIS = [
  'sales.leads',
  'sales.firstVisits',
  'sales.arrivalRate',
  'sales.testDriveRate',
  'sales.closeRate',
  'sales.orders',
  'sales.cancelledOrders',
  'sales.onlineOrders',
  'sales.deliveries',
  'sales.revenue',
  'sales.grossProfitPerUnit',
  'sales.daysLeadToOrder',
  'sales.targetAttainment',
] as const;
type Row = [number, number, number, number | null, number, number, number, number, number, number, number | null, number | null, number];

const DAYS: Record<string, Row> = {
  //            leads fv  arrival tdRate close orders canc online deliv revenue     gp/unit  days  attainment
  '2025-03-03': [3, 1, 3 / 3, 1 / 1, 0 / 3, 0, 0, 0, 0, 0, null, null, 0 / 1],
  '2025-03-04': [2, 2, 2 / 2, 1 / 2, 1 / 2, 1, 0, 0, 0, 0, null, 1 / 1, 0 / 1],
  '2025-03-05': [2, 2, 2 / 2, 2 / 2, 0 / 2, 0, 0, 0, 0, 0, null, null, 0 / 1],
  '2025-03-06': [2, 2, 0 / 2, 1 / 2, 1 / 2, 1, 0, 0, 0, 0, null, 3 / 1, 0 / 1],
  '2025-03-07': [1, 1, 1 / 1, 0 / 1, 1 / 1, 1, 1, 1, 1, 12_000_000, 800_000, 3 / 1, 1 / 1],
  '2025-03-08': [1, 0, 1 / 1, null, 1 / 1, 1, 0, 0, 1, 11_500_000, 600_000, 3 / 1, 1 / 1],
  '2025-03-09': [1, 1, 0 / 1, 1 / 1, 1 / 1, 1, 0, 0, 2, 23_800_000, 1_600_000 / 2, 4 / 1, 2 / 1],
};
const WEEK: Row = [12, 9, 9 / 12, 6 / 9, 5 / 12, 5, 1, 1, 4, 47_300_000, 3_000_000 / 4, 14 / 5, 4 / 7];

/** By consultant, for the week: web1 is the online specialist, '' the lead nobody was assigned (null). */
const BY_CONSULTANT: Record<string, Partial<Record<(typeof KPIS)[number], number | null>>> = {
  c1: {
    'sales.leads': 6,
    'sales.arrivalRate': 5 / 6,
    'sales.testDriveRate': 3 / 5,
    'sales.closeRate': 3 / 6,
    'sales.orders': 3,
    'sales.onlineOrders': 0,
    'sales.deliveries': 2,
    'sales.revenue': 23_800_000,
    'sales.grossProfitPerUnit': 800_000,
    'sales.daysLeadToOrder': 7 / 3,
    'sales.targetAttainment': 2 / 14,
  },
  c2: {
    'sales.leads': 5,
    'sales.arrivalRate': 4 / 5,
    'sales.testDriveRate': 3 / 4,
    'sales.closeRate': 1 / 5,
    'sales.orders': 1,
    'sales.onlineOrders': 0,
    'sales.deliveries': 1,
    'sales.revenue': 12_000_000,
    'sales.grossProfitPerUnit': 800_000,
    'sales.daysLeadToOrder': 4 / 1,
    'sales.targetAttainment': 1 / 7,
  },
  web1: {
    'sales.leads': 0,
    'sales.arrivalRate': null,
    'sales.testDriveRate': null,
    'sales.closeRate': null,
    'sales.orders': 1,
    'sales.onlineOrders': 1,
    'sales.deliveries': 1,
    'sales.revenue': 11_500_000,
    'sales.grossProfitPerUnit': 600_000,
    'sales.daysLeadToOrder': 3 / 1,
    'sales.targetAttainment': null,
  },
  null: {
    'sales.leads': 1,
    'sales.arrivalRate': 0 / 1,
    'sales.testDriveRate': null,
    'sales.closeRate': 0 / 1,
    'sales.orders': 0,
    'sales.onlineOrders': 0,
    'sales.deliveries': 0,
    'sales.revenue': 0,
    'sales.grossProfitPerUnit': null,
    'sales.daysLeadToOrder': null,
    'sales.targetAttainment': null,
  },
};

const BY_CHANNEL: Record<string, Partial<Record<(typeof KPIS)[number], number | null>>> = {
  walk_in: {
    'sales.leads': 4,
    'sales.arrivalRate': 4 / 4,
    'sales.testDriveRate': 2 / 4,
    'sales.closeRate': 2 / 4,
    'sales.orders': 2,
    'sales.deliveries': 1,
    'sales.revenue': 12_000_000,
    'sales.daysLeadToOrder': 4 / 2,
  },
  phone_in: {
    'sales.leads': 2,
    'sales.arrivalRate': 2 / 2,
    'sales.testDriveRate': 2 / 2,
    'sales.closeRate': 0 / 2,
    'sales.orders': 0,
    'sales.cancelledOrders': 1,
    'sales.deliveries': 0,
    'sales.revenue': 0,
    'sales.daysLeadToOrder': null,
  },
  online: {
    'sales.leads': 3,
    'sales.arrivalRate': 2 / 3,
    'sales.testDriveRate': 2 / 2,
    'sales.closeRate': 2 / 3,
    'sales.orders': 2,
    'sales.onlineOrders': 1,
    'sales.deliveries': 2,
    'sales.revenue': 23_300_000,
    'sales.grossProfitPerUnit': 1_400_000 / 2,
    'sales.daysLeadToOrder': 6 / 2,
  },
  referral: {
    'sales.leads': 1,
    'sales.arrivalRate': 1 / 1,
    'sales.testDriveRate': 0 / 1,
    'sales.closeRate': 1 / 1,
    'sales.orders': 1,
    'sales.deliveries': 1,
    'sales.revenue': 12_000_000,
    'sales.daysLeadToOrder': 4 / 1,
  },
  event: { 'sales.leads': 1, 'sales.arrivalRate': 0 / 1, 'sales.closeRate': 0 / 1, 'sales.orders': 0 },
  outbound: { 'sales.leads': 1, 'sales.arrivalRate': 0 / 1, 'sales.closeRate': 0 / 1, 'sales.orders': 0 },
};

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('kpi_scenario');
  store = await openStore(db);
  await appendEvents(store, scenarioWeek);
  await untilReadable(db, store);
  // A small batch size puts batch boundaries between a lead and its later events.
  await new ProjectionRunner({ pool: db.pool, store, projections: salesKpiProjections({ timeZone: 'Asia/Shanghai' }), batchSize: 4 }).runUntilCaughtUp();
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const week = (overrides: Partial<KpiQuery> = {}): KpiQuery => ({
  names: [...KPIS],
  storeIds: ['store-a'],
  from: '2025-03-03',
  to: '2025-03-09',
  granularity: 'WEEK',
  ...overrides,
});

/** `period|dimension values` → KPI name → value. */
const tableOf = (points: KpiPoint[], dimension?: 'consultant' | 'channel'): Record<string, Record<string, number | null>> => {
  const table: Record<string, Record<string, number | null>> = {};
  for (const p of points) {
    const key = dimension ? String(p.dimensions[dimension] ?? null) : p.period;
    (table[key] ??= {})[p.name] = p.value;
  }
  return table;
};

const rowOf = (row: Row): Record<string, number | null> => Object.fromEntries(KPIS.map((name, i) => [name, row[i]!]));

describe('sales KPIs over a hand-computed week of one store', () => {
  it('reproduces the daily table exactly', async () => {
    const points = await queryKpis(db.pool, week({ granularity: 'DAY' }));
    expect(tableOf(points)).toEqual(Object.fromEntries(Object.entries(DAYS).map(([d, row]) => [d, rowOf(row)])));
  });

  it('reproduces the weekly row, with numerators, denominators, targets and attainment', async () => {
    const points = await queryKpis(db.pool, week());
    expect(tableOf(points)).toEqual({ '2025-03-03': rowOf(WEEK) });
    const byName = new Map(points.map((p) => [p.name, p]));
    expect(byName.get('sales.arrivalRate')).toEqual({
      name: 'sales.arrivalRate',
      period: '2025-03-03',
      periodEnd: '2025-03-09',
      dimensions: {},
      value: 9 / 12,
      numerator: 9,
      denominator: 12,
      unit: 'ratio',
      target: null,
      attainment: null,
    });
    expect(byName.get('sales.deliveries')).toMatchObject({ value: 4, target: 7, attainment: 4 / 7, unit: 'count' });
    expect(byName.get('sales.revenue')).toMatchObject({ value: 47_300_000, target: 70_000_000, attainment: 47_300_000 / 70_000_000, unit: 'fen' });
    expect(byName.get('sales.targetAttainment')).toMatchObject({ numerator: 4, denominator: 7, target: 7 });
  });

  it('reproduces the week by consultant (online orders credited to the online specialist)', async () => {
    const names = Object.keys(BY_CONSULTANT.c1!);
    const points = await queryKpis(db.pool, week({ names, by: ['consultant'] }));
    expect(tableOf(points, 'consultant')).toEqual(BY_CONSULTANT);
  });

  it('reproduces the week by channel', async () => {
    const points = await queryKpis(db.pool, week({ names: KPIS.filter((n) => n !== 'sales.targetAttainment'), by: ['channel'] }));
    const table = tableOf(points, 'channel');
    for (const [channel, expected] of Object.entries(BY_CHANNEL)) expect(table[channel], channel).toMatchObject(expected);
    expect(Object.keys(table).sort()).toEqual(Object.keys(BY_CHANNEL).sort());
  });

  it('sums whole months to exactly their target, and stores to a group total', async () => {
    const month = await queryKpis(
      db.pool,
      week({ names: ['sales.targetAttainment', 'sales.leads'], granularity: 'MONTH', from: '2025-03-01', to: '2025-03-31' }),
    );
    expect(month.map((p) => [p.name, p.period, p.periodEnd, p.value, p.target])).toEqual([
      ['sales.targetAttainment', '2025-03-01', '2025-03-31', 4 / 31, 31],
      ['sales.leads', '2025-03-01', '2025-03-31', 13, null],
    ]);
    const year = await queryKpis(db.pool, week({ names: ['sales.targetAttainment'], granularity: 'YEAR', from: '2025-01-01', to: '2025-12-31' }));
    expect(year.map((p) => [p.period, p.periodEnd, p.numerator, p.denominator])).toEqual([['2025-01-01', '2025-12-31', 4, 31]]);
    const group = await queryKpis(
      db.pool,
      week({ names: ['sales.leads', 'sales.grossProfitPerUnit', 'sales.targetAttainment'], storeIds: ['store-a', 'store-b'] }),
    );
    expect(group.map((p) => [p.name, p.value])).toEqual([
      ['sales.leads', 13],
      ['sales.grossProfitPerUnit', 4_000_000 / 5],
      ['sales.targetAttainment', 5 / 14],
    ]);
    const byStore = await queryKpis(db.pool, week({ names: ['sales.deliveries'], storeIds: ['store-a', 'store-b'], by: ['store'] }));
    expect(byStore.map((p) => [p.storeId, p.value, p.target])).toEqual([
      ['store-a', 4, 7],
      ['store-b', 1, 7],
    ]);
  });

  it('gives the same facts when rebuilt from position 0 in one batch', async () => {
    const before = await queryKpis(
      db.pool,
      week({ granularity: 'DAY', by: ['consultant', 'channel', 'model'], names: KPIS.filter((n) => n !== 'sales.targetAttainment') }),
    );
    const runner = new ProjectionRunner({ pool: db.pool, store, projections: salesKpiProjections(), batchSize: 500 });
    await runner.rebuild('sales_kpi_facts');
    expect(
      await queryKpis(db.pool, week({ granularity: 'DAY', by: ['consultant', 'channel', 'model'], names: KPIS.filter((n) => n !== 'sales.targetAttainment') })),
    ).toEqual(before);
    expect(before.length).toBeGreaterThan(KPIS.length * 7);
  });

  it('rejects a bad query with a typed error', async () => {
    const bad: Partial<KpiQuery>[] = [
      { names: ['sales.nope'] },
      { from: '2025-03-10' },
      { by: ['brand'], names: ['sales.targetAttainment'] },
      { storeIds: [] },
      { granularity: 'HOUR' as 'DAY' },
    ];
    for (const override of bad) await expect(queryKpis(db.pool, week(override)), JSON.stringify(override)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
