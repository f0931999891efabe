import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KpiPoint, type KpiQuery, queryKpis, workshopKpiProjections } from '../src/index.js';
import { appendEvents } from '../src/testing/index.js';
import { openStore, untilReadable } from './harness.js';
import { workshopWeek } from './workshop-week.js';

// The week in workshop-week.ts, worked out by hand. Column order of every row below; `undefined` = no point
// (no technician worked that day, so the technician table has no row to divide).
const KPIS = [
  'workshop.vehiclesIn',
  'workshop.appointmentRate',
  'workshop.noShowRate',
  'workshop.rosInvoiced',
  'workshop.output',
  'workshop.labourOutput',
  'workshop.partsOutput',
  'workshop.avgOutputPerRepairVehicle',
  'workshop.avgOutputPerInsuranceVehicle',
  'workshop.comebackRate',
  'workshop.warrantyApprovalRate',
  'workshop.followUpOnTimeRate',
  'workshop.followUpsOverdue',
  'workshop.csi',
  'workshop.complaints',
  'workshop.majorComplaints',
  'workshop.loyalCustomers',
  'workshop.lostCustomers',
  'workshop.bodyPaintShare',
  'workshop.outputPerTechnician',
  'workshop.jobsPerTechnician',
  'workshop.complaintResolutionTime',
] as const;
type Kpi = (typeof KPIS)[number];
type Cell = number | null | undefined;

const DAYS: Record<string, Cell[]> = {
  //            in  appt   noShow inv output   labour   parts    avgRepair   avgIns   comeback warranty onTime ovd csi    cmp maj loyal lost bodyPaint            perTech      jobs  resolution
  '2025-03-03': [2, 1 / 2, 1 / 2, 1, 80_000, 30_000, 50_000, 80_000, null, 0 / 2, null, 1 / 1, 0, 1 / 1, 0, 0, 1, 0, 0 / 80_000, 80_000 / 1, 1 / 1, null],
  '2025-03-04': [2, 1 / 2, 0 / 1, 1, 150_000, 60_000, 90_000, 150_000, null, 0 / 2, null, 0 / 1, 0, null, 0, 0, 0, 0, 0 / 150_000, 150_000 / 2, 2 / 2, null],
  '2025-03-05': [2, 0 / 2, null, 1, 320_000, 120_000, 200_000, null, 320_000, 1 / 2, null, 0 / 1, 0, null, 0, 0, 0, 0, 0 / 320_000, 320_000 / 2, 2 / 2, null],
  '2025-03-06': [
    0,
    null,
    null,
    2,
    310_000,
    170_000,
    140_000,
    60_000,
    null,
    null,
    null,
    1 / 2,
    0,
    1 / 1,
    0,
    0,
    0,
    0,
    250_000 / 310_000,
    310_000 / 2,
    2 / 2,
    null,
  ],
  '2025-03-07': [0, null, null, 1, 0, 0, 0, 0 / 1, null, null, 1 / 2, 0 / 1, 0, null, 0, 0, 0, 0, null, 0 / 1, 1 / 1, null],
  '2025-03-08': [1, 0 / 1, null, 1, 50_000, 20_000, 30_000, 50_000, null, 0 / 1, null, 0 / 1, 1, 1 / 2, 1, 0, 0, 1, 0 / 50_000, 50_000 / 1, 1 / 1, null],
  '2025-03-09': [0, null, null, 0, 0, 0, 0, null, null, null, null, null, 0, null, 1, 1, 0, 0, null, undefined, undefined, 1_740 / 2],
};
const WEEK: Cell[] = [
  7,
  2 / 7,
  1 / 3,
  7,
  910_000,
  400_000,
  510_000,
  340_000 / 5,
  320_000,
  1 / 7,
  1 / 2,
  2 / 7,
  1,
  3 / 4,
  2,
  1,
  1,
  1,
  250_000 / 910_000,
  910_000 / 3,
  9 / 3,
  1_740 / 2,
];

/** Week by SA and by RO type (KPIs that have those dimensions); `null` is the group with no SA / no RO type. */
const BY = [
  'workshop.vehiclesIn',
  'workshop.appointmentRate',
  'workshop.noShowRate',
  'workshop.output',
  'workshop.avgOutputPerRepairVehicle',
  'workshop.avgOutputPerInsuranceVehicle',
  'workshop.comebackRate',
  'workshop.warrantyApprovalRate',
  'workshop.followUpOnTimeRate',
  'workshop.csi',
  'workshop.complaints',
  'workshop.bodyPaintShare',
  'workshop.outputPerTechnician',
  'workshop.complaintResolutionTime',
] as const;
const BY_SA: Record<string, Cell[]> = {
  //     in appt   noShow output   avgRepair    avgIns   comeback warranty onTime csi    cmp bodyPaint          perTech  resolution
  sa1: [4, 2 / 4, 0 / 2, 460_000, 140_000 / 3, 320_000, 0 / 4, 1 / 2, 1 / 4, 2 / 2, 1, 0 / 460_000, 460_000 / 3, 360 / 1],
  sa2: [3, 0 / 3, 1 / 1, 450_000, 200_000 / 2, null, 1 / 3, null, 1 / 3, 1 / 2, 1, 250_000 / 450_000, 450_000 / 3, 1_380 / 1],
  null: [0, null, null, 0, null, null, null, null, null, null, 0, null, undefined, null],
};
const BY_RO_TYPE: Record<string, Cell[]> = {
  maintenance: [2, 1 / 2, 0 / 1, 130_000, 130_000 / 2, null, 0 / 2, null, 1 / 2, 2 / 2, 0, 0 / 130_000, 130_000 / 2, null],
  repair: [2, 0 / 2, 1 / 1, 150_000, 150_000 / 2, null, 1 / 2, null, 0 / 2, 0 / 1, 1, 0 / 150_000, 150_000 / 2, 1_380 / 1],
  insurance_claim: [1, 1 / 1, 0 / 1, 320_000, null, 320_000, 0 / 1, null, 0 / 1, null, 0, 0 / 320_000, 320_000 / 2, null],
  body_paint: [1, 0 / 1, null, 250_000, null, null, 0 / 1, null, 1 / 1, 1 / 1, 0, 250_000 / 250_000, 250_000 / 1, null],
  warranty: [1, 0 / 1, null, 60_000, 60_000 / 1, null, 0 / 1, 1 / 2, 0 / 1, null, 0, 0 / 60_000, 60_000 / 1, null],
  null: [0, null, null, 0, null, null, null, null, null, null, 1, null, undefined, 360 / 1],
};

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('kpi_workshop_scenario');
  store = await openStore(db);
  await appendEvents(store, workshopWeek);
  await untilReadable(db, store);
  // A small batch size puts batch boundaries between an RO and its later events.
  await new ProjectionRunner({ pool: db.pool, store, projections: workshopKpiProjections({ timeZone: 'Asia/Shanghai' }), batchSize: 3 }).runUntilCaughtUp();
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const week = (overrides: Partial<KpiQuery> = {}): KpiQuery => ({
  names: [...KPIS],
  storeIds: ['store-w'],
  from: '2025-03-03',
  to: '2025-03-09',
  granularity: 'WEEK',
  ...overrides,
});

const rowOf = (names: readonly Kpi[], cells: readonly Cell[]): Record<string, number | null> =>
  Object.fromEntries(names.flatMap((name, i) => (cells[i] === undefined ? [] : [[name, cells[i]]])));

/** `period` (or the dimension's value) → KPI name → value. */
const tableOf = (points: KpiPoint[], dimension?: 'serviceAdvisor' | 'roType' | 'technician'): Record<string, Record<string, number | null>> => {
  const table: Record<string, Record<string, number | null>> = {};
  for (const p of points) (table[dimension ? String(p.dimensions[dimension] ?? null) : p.period] ??= {})[p.name] = p.value;
  return table;
};

describe('workshop KPIs over a hand-computed week of one store', () => {
  it('reproduces the daily table exactly', async () => {
    const points = await queryKpis(db.pool, week({ granularity: 'DAY' }));
    expect(tableOf(points)).toEqual(Object.fromEntries(Object.entries(DAYS).map(([d, row]) => [d, rowOf(KPIS, row)])));
  });

  it('reproduces the weekly row, with numerators and denominators', async () => {
    const points = await queryKpis(db.pool, week());
    expect(tableOf(points)).toEqual({ '2025-03-03': rowOf(KPIS, WEEK) });
    const byName = new Map(points.map((p) => [p.name, p]));
    expect(byName.get('workshop.csi')).toEqual({
      name: 'workshop.csi',
      period: '2025-03-03',
      periodEnd: '2025-03-09',
      dimensions: {},
      value: 3 / 4,
      numerator: 3,
      denominator: 4,
      unit: 'ratio',
      target: null,
      attainment: null,
    });
    expect(byName.get('workshop.outputPerTechnician')).toMatchObject({ numerator: 910_000, denominator: 3, unit: 'fen' });
    expect(byName.get('workshop.avgOutputPerRepairVehicle')).toMatchObject({ numerator: 340_000, denominator: 5 });
  });

  it('reproduces the week by service advisor', async () => {
    const points = await queryKpis(db.pool, week({ names: [...BY], by: ['serviceAdvisor'] }));
    expect(tableOf(points, 'serviceAdvisor')).toEqual(Object.fromEntries(Object.entries(BY_SA).map(([sa, row]) => [sa, rowOf(BY, row)])));
  });

  it('reproduces the week by RO type (output by RO type)', async () => {
    const points = await queryKpis(db.pool, week({ names: [...BY], by: ['roType'] }));
    expect(tableOf(points, 'roType')).toEqual(Object.fromEntries(Object.entries(BY_RO_TYPE).map(([type, row]) => [type, rowOf(BY, row)])));
  });

  it('reproduces output per technician by technician', async () => {
    const points = await queryKpis(db.pool, week({ names: ['workshop.outputPerTechnician', 'workshop.jobsPerTechnician'], by: ['technician'] }));
    expect(tableOf(points, 'technician')).toEqual({
      t1: { 'workshop.outputPerTechnician': 240_000, 'workshop.jobsPerTechnician': 3 },
      t2: { 'workshop.outputPerTechnician': 290_000, 'workshop.jobsPerTechnician': 3 },
      t3: { 'workshop.outputPerTechnician': 380_000, 'workshop.jobsPerTechnician': 3 },
    });
  });

  it('dates each fact as defined: the month holds the RO after the week, February holds the follow-up opened then', async () => {
    const months = await queryKpis(
      db.pool,
      week({ names: ['workshop.vehiclesIn', 'workshop.followUpOnTimeRate', 'workshop.csi'], granularity: 'MONTH', from: '2025-02-01', to: '2025-03-31' }),
    );
    expect(months.map((p) => [p.period, p.name, p.numerator, p.denominator])).toEqual([
      ['2025-02-01', 'workshop.vehiclesIn', 0, null],
      ['2025-03-01', 'workshop.vehiclesIn', 8, null],
      ['2025-02-01', 'workshop.followUpOnTimeRate', 1, 1],
      ['2025-03-01', 'workshop.followUpOnTimeRate', 2, 7],
      ['2025-02-01', 'workshop.csi', 0, 0],
      ['2025-03-01', 'workshop.csi', 3, 4],
    ]);
    const both = await queryKpis(db.pool, week({ names: ['workshop.vehiclesIn'], storeIds: ['store-w', 'store-y'], by: ['store'] }));
    expect(both.map((p) => [p.storeId, p.value])).toEqual([
      ['store-w', 7],
      ['store-y', 1],
    ]);
  });

  it('gives the same facts when rebuilt from position 0 in one batch', async () => {
    const query = week({ granularity: 'DAY', by: ['serviceAdvisor', 'roType'] });
    const before = await queryKpis(db.pool, { ...query, names: KPIS.filter((n) => n !== 'workshop.loyalCustomers' && n !== 'workshop.lostCustomers') });
    await new ProjectionRunner({ pool: db.pool, store, projections: workshopKpiProjections(), batchSize: 500 }).rebuild('workshop_kpi_facts');
    expect(await queryKpis(db.pool, { ...query, names: KPIS.filter((n) => n !== 'workshop.loyalCustomers' && n !== 'workshop.lostCustomers') })).toEqual(
      before,
    );
    expect(before.length).toBeGreaterThan(KPIS.length * 7);
  });

  it('rejects a breakdown a KPI does not have with a typed error', async () => {
    const bad: Partial<KpiQuery>[] = [
      { names: ['workshop.output'], by: ['technician'] },
      { names: ['workshop.loyalCustomers'], by: ['serviceAdvisor'] },
      { names: ['sales.leads'], by: ['roType'] },
    ];
    for (const override of bad) await expect(queryKpis(db.pool, week(override)), JSON.stringify(override)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
