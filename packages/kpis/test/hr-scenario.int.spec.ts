import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrKpiProjections, type KpiPoint, listCommissionStatements, listOnboardingOverdue, queryKpis } from '../src/index.js';
import { appendEvents, hrEvents } from '../src/testing/index.js';
import { openStore, untilReadable } from './harness.js';

// An HR February and March worked out by hand, one store, departments sales and service:
//   plan 02-20: sales-consultant (sales) 3, service-advisor (service) 2; 03-15 sales-consultant 3 → 4
//   e-1 sales hired 01-10, transferred to service 03-20; e-5 service hired 02-01, left 03-05 (dismissed);
//   e-6 service hired 02-10; e-7 sales hired 02-28; e-2 sales hired 03-03, left 03-31 (resigned);
//   e-3 service hired 03-10; e-4 sales hired 03-17
//   → end of Feb: e-1 e-5 e-6 e-7 = 4 of plan 5; end of March: e-1 e-6 e-7 e-3 e-4 = 5 of plan 6 (sales 2 of 4, service 3 of 2)
//   onboarding due in March: e-5 (03-01, done 02-25), e-6 (03-10, overdue), e-7 (03-28, done 03-20) → 2 of 3 on time
//   training: 03-12 3.5 h × 3 attendees + 03-26 2 h × 1 = 630 + 120 = 750 minutes, 4 attendances → 750 ÷ 5 = 150 min/employee
//   March statements: e-7 2,304.20元; e-4 1,053.76元 re-issued as 1,128.76元 → (230,420 + 112,876) ÷ 2 = 171,648 fen
const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const STORE = 'store-h';
const h = hrEvents({ storeId: STORE });
const sales = { departmentId: 'sales', positionId: 'sales-consultant' };
const service = { departmentId: 'service', positionId: 'service-advisor' };
const hire = (employeeId: string, seat: typeof sales, hireDate: string) => h.hired({ ...seat, employeeId, hireDate }, at(hireDate));

const events = [
  hire('e-1', sales, '2025-01-10'),
  hire('e-5', service, '2025-02-01'),
  hire('e-6', service, '2025-02-10'),
  h.positionDefined({ ...sales, plannedHeadcount: 3 }, at('2025-02-20')),
  h.positionDefined({ ...service, plannedHeadcount: 2 }, at('2025-02-20')),
  h.onboardingCompleted({ employeeId: 'e-5', completedOn: '2025-02-25', dueOn: '2025-03-01' }, at('2025-02-25')),
  hire('e-7', sales, '2025-02-28'),
  hire('e-2', sales, '2025-03-03'),
  h.left({ ...service, employeeId: 'e-5', leftOn: '2025-03-05', voluntary: false }, at('2025-03-05')),
  hire('e-3', service, '2025-03-10'),
  h.onboardingOverdue({ employeeId: 'e-6', hireDate: '2025-02-10', dueOn: '2025-03-10' }, at('2025-03-11', 0)),
  h.training({ sessionId: 's-1', heldOn: '2025-03-12', hours: 3.5, attendees: ['e-1', 'e-3', 'e-6'] }, at('2025-03-12', 17)),
  h.positionDefined({ ...sales, plannedHeadcount: 4 }, at('2025-03-15')),
  hire('e-4', sales, '2025-03-17'),
  h.transferred({ employeeId: 'e-1', from: sales, to: service, effectiveDate: '2025-03-20' }, at('2025-03-18')),
  h.onboardingCompleted({ employeeId: 'e-7', completedOn: '2025-03-20', dueOn: '2025-03-28' }, at('2025-03-20')),
  h.training({ sessionId: 's-2', heldOn: '2025-03-26', hours: 2, attendees: ['e-4'] }, at('2025-03-26', 17)),
  h.left({ ...sales, employeeId: 'e-2', leftOn: '2025-03-31', voluntary: true }, at('2025-03-28')),
  h.statement({ employeeId: 'e-7', month: '2025-03', performancePayFen: 230_420 }, at('2025-04-02')),
  h.statement({ employeeId: 'e-4', month: '2025-03', performancePayFen: 105_376 }, at('2025-04-02')),
  h.statement({ employeeId: 'e-4', month: '2025-03', performancePayFen: 112_876, revision: 2, previousPerformancePayFen: 105_376 }, at('2025-04-03')),
];

const MARCH: Record<string, number | null> = {
  'hr.headcount': 5,
  'hr.headcountVsPlan': 5 / 6,
  'hr.hires': 3,
  'hr.leavers': 2,
  'hr.voluntaryLeaverShare': 1 / 2,
  'hr.turnoverRate': 2 / 5,
  'hr.onboardingOnTimeRate': 2 / 3,
  'hr.onboardingsOverdue': 1,
  'hr.trainingHoursPerEmployee': 150,
  'hr.trainingAttendances': 4,
  'hr.commissionStatements': 2,
  'hr.commissionPerConsultant': 171_648,
};
const KPIS = Object.keys(MARCH);

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('kpi_hr_scenario');
  store = await openStore(db);
  await appendEvents(store, events);
  await untilReadable(db, store);
  await new ProjectionRunner({ pool: db.pool, store, projections: hrKpiProjections({ timeZone: 'Asia/Shanghai' }), batchSize: 4 }).runUntilCaughtUp();
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const table = (points: KpiPoint[]): Record<string, Record<string, number | null>> => {
  const t: Record<string, Record<string, number | null>> = {};
  for (const p of points) (t[p.period] ??= {})[`${p.name}${p.dimensions.department === undefined ? '' : `@${p.dimensions.department}`}`] = p.value;
  return t;
};

describe('HR KPIs over a hand-computed February and March of one store', () => {
  it('gives the hand-computed value of every KPI for March', async () => {
    const t = table(await queryKpis(db.pool, { names: KPIS, storeIds: [STORE], from: '2025-03-01', to: '2025-03-31', granularity: 'MONTH', by: [] }));
    expect(t['2025-03-01']).toEqual(MARCH);
  });

  it('carries headcount and plan as balances across months and breaks them down by department', async () => {
    const feb = table(
      await queryKpis(db.pool, {
        names: ['hr.headcount', 'hr.headcountVsPlan', 'hr.hires'],
        storeIds: [STORE],
        from: '2025-02-01',
        to: '2025-02-28',
        granularity: 'MONTH',
        by: [],
      }),
    );
    expect(feb['2025-02-01']).toEqual({ 'hr.headcount': 4, 'hr.headcountVsPlan': 4 / 5, 'hr.hires': 3 });
    const byDepartment = table(
      await queryKpis(db.pool, {
        names: ['hr.headcount', 'hr.headcountVsPlan'],
        storeIds: [STORE],
        from: '2025-03-01',
        to: '2025-03-31',
        granularity: 'MONTH',
        by: ['department'],
      }),
    );
    // Onboarding and training facts carry no department: that group holds no one and has no plan.
    expect(byDepartment['2025-03-01']).toEqual({
      'hr.headcount@sales': 2,
      'hr.headcountVsPlan@sales': 2 / 4,
      'hr.headcount@service': 3,
      'hr.headcountVsPlan@service': 3 / 2,
      'hr.headcount@null': 0,
      'hr.headcountVsPlan@null': null,
    });
  });

  it('lists who is overdue for onboarding and the latest revision of each March statement', async () => {
    const page = { storeIds: [STORE], limit: 10, offset: 0 };
    expect(await listOnboardingOverdue(db.pool, 'read', page)).toEqual([
      { store_id: STORE, employee_id: 'e-6', hire_date: '2025-02-10', due_on: '2025-03-10' },
    ]);
    const statements = await listCommissionStatements(db.pool, 'read', { ...page, month: '2025-03' });
    expect(statements.map((r) => [r.employee_id, r.revision, r.performance_pay_fen])).toEqual([
      ['e-7', 1, 230_420],
      ['e-4', 2, 112_876],
    ]);
  });
});
