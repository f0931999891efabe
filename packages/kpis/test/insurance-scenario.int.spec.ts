import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insuranceKpiProjections, type KpiPoint, listRenewalsDue, queryKpis } from '../src/index.js';
import { appendEvents, insuranceEvents, salesEvents, workshopEvents } from '../src/testing/index.js';
import { openStore, untilReadable } from './harness.js';

// An insurance March worked out by hand (fen), one store, brand 长安:
//   deliveries 03-03 (policy), 03-04 (none), 03-05 (policy)          → penetration 2 ÷ 3
//   new policy p-1 03-03: premium 5,150.00, commission 515.00
//   renewal pipeline: p-9 expires 03-20, p-8 expires 03-25, p-7 expires 04-10; all three assigned 03-01 (sa-1, ren-1, ren-1)
//   p-9 renewed 03-10 by sa-1: premium 4,000.00, commission 400.00, incentive 300.00
//   p-7 renewed 03-28 by ren-1: premium 3,800.00, commission 380.00 (counts for April's renewal rate)
//   p-8 lost 03-26
//   claim cl-1 reported 03-12; its insurance_claim RO invoiced 03-20: labour 800.00 + parts 1,700.00 (− 100.00 discount
//   ignored: output is before discount); a maintenance RO invoiced the same day does not count; cl-1 settled 03-25 for 2,400.00
const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const STORE = 'store-i';
const s = salesEvents({ storeId: STORE });
const ins = insuranceEvents({ storeId: STORE });
const w = workshopEvents({ storeId: STORE });
const B = '长安';
const delivery = (n: number, day: string, policySold: boolean) =>
  s.delivered({ orderId: `o-${n}`, leadId: `l-${n}`, consultantId: 'sc-1', brand: B, model: 'CS75', priceFen: 10_000_000, policySold }, at(day));
const ro = (id: string, roType: 'insurance_claim' | 'maintenance') => ({ repairOrderId: id, brand: B, roType, serviceAdvisorId: 'sa-1' });

const events = [
  delivery(1, '2025-03-03', true),
  delivery(2, '2025-03-04', false),
  delivery(3, '2025-03-05', true),
  ins.newPolicySold({ policyId: 'p-1', brand: B, premiumFen: 515_000, commissionFen: 51_500 }, at('2025-03-03', 11)),
  ins.opportunityOpened({ policyId: 'p-9', brand: B, expiresOn: '2025-03-20' }, at('2025-01-19', 9)),
  ins.opportunityOpened({ policyId: 'p-8', brand: B, expiresOn: '2025-03-25' }, at('2025-01-24', 9)),
  ins.opportunityOpened({ policyId: 'p-7', brand: B, expiresOn: '2025-04-10' }, at('2025-02-09', 9)),
  ins.assigned({ policyId: 'p-9', brand: B, assigneeId: 'sa-1', assigneeRole: 'service_advisor' }, at('2025-03-01')),
  ins.assigned({ policyId: 'p-8', brand: B, assigneeId: 'ren-1' }, at('2025-03-01')),
  ins.assigned({ policyId: 'p-7', brand: B, assigneeId: 'ren-1' }, at('2025-03-01')),
  ins.renewed(
    { policyId: 'p-9', brand: B, premiumFen: 400_000, commissionFen: 40_000, incentiveFen: 30_000, renewedBy: 'sa-1', previousExpiresOn: '2025-03-20' },
    at('2025-03-10'),
  ),
  ins.claimReported({ claimId: 'cl-1', brand: B, repairOrderId: 'ro-c1' }, at('2025-03-12')),
  w.invoiced(
    { ...ro('ro-c1', 'insurance_claim'), labourFen: 80_000, partsFen: 170_000, discountFen: 10_000, technicians: [{ technicianId: 't-1', labourHours: 8 }] },
    at('2025-03-20'),
  ),
  w.invoiced(
    { ...ro('ro-m1', 'maintenance'), labourFen: 10_000, partsFen: 5_000, technicians: [{ technicianId: 't-1', labourHours: 1 }] },
    at('2025-03-20', 11),
  ),
  ins.claimSettled({ claimId: 'cl-1', brand: B, repairFen: 250_000, settledFen: 240_000 }, at('2025-03-25')),
  ins.lost({ policyId: 'p-8', brand: B, expiresOn: '2025-03-25' }, at('2025-03-26')),
  ins.renewed({ policyId: 'p-7', brand: B, premiumFen: 380_000, commissionFen: 38_000, renewedBy: 'ren-1', previousExpiresOn: '2025-04-10' }, at('2025-03-28')),
];

const MARCH: Record<string, number | null> = {
  'insurance.renewalRate': 1 / 2,
  'insurance.newCarPenetration': 2 / 3,
  'insurance.renewalPremium': 780_000,
  'insurance.claimRepairOutput': 250_000,
  'insurance.renewalsPerStaff': 2 / 2,
  'insurance.newPolicies': 1,
  'insurance.newPolicyPremium': 515_000,
  'insurance.commissionIncome': 51_500 + 40_000 + 38_000,
  'insurance.renewalLossRate': 1 / 2,
  'insurance.renewalIncentiveCost': 30_000,
  'insurance.claimsReported': 1,
  'insurance.outputPerClaimRepair': 250_000,
  'insurance.claimSettlements': 240_000,
  'insurance.claimsSettled': 1,
  'insurance.renewalsAssigned': 3,
};
const KPIS = Object.keys(MARCH);

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('kpi_insurance_scenario');
  store = await openStore(db);
  await appendEvents(store, events);
  await untilReadable(db, store);
  await new ProjectionRunner({ pool: db.pool, store, projections: insuranceKpiProjections({ timeZone: 'Asia/Shanghai' }), batchSize: 4 }).runUntilCaughtUp();
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const table = (points: KpiPoint[]): Record<string, Record<string, number | null>> => {
  const t: Record<string, Record<string, number | null>> = {};
  for (const p of points) (t[p.period] ??= {})[p.name] = p.value;
  return t;
};

describe('insurance KPIs over a hand-computed month of one store', () => {
  it('gives the hand-computed value of every KPI for March, and dates the renewal rate by the expiring term', async () => {
    const t = table(await queryKpis(db.pool, { names: KPIS, storeIds: [STORE], from: '2025-03-01', to: '2025-04-30', granularity: 'MONTH', by: [] }));
    expect(t['2025-03-01']).toEqual(MARCH);
    expect(t['2025-04-01']).toMatchObject({ 'insurance.renewalRate': 1, 'insurance.renewalLossRate': 0, 'insurance.renewalPremium': 0 });
    expect(t['2025-04-01']?.['insurance.renewalsPerStaff'] ?? null).toBeNull();
  });

  it('breaks renewals per staff down by staff member', async () => {
    const points = await queryKpis(db.pool, {
      names: ['insurance.renewalsPerStaff'],
      storeIds: [STORE],
      from: '2025-03-01',
      to: '2025-03-31',
      granularity: 'MONTH',
      by: ['staff'],
    });
    expect(points.map((p) => [p.dimensions.staff, p.numerator, p.value]).sort()).toEqual([
      ['ren-1', 1, 1],
      ['sa-1', 1, 1],
    ]);
  });

  it('leaves no renewal on the due list once renewed or lost', async () => {
    expect(await listRenewalsDue(db.pool, 'read', { storeIds: [STORE], expiresBy: '2025-12-31', limit: 10, offset: 0 })).toEqual([]);
  });
});
