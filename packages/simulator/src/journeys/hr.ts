import { hr } from '@rooftop/contracts';
import { type Journey, type Step, addDays, localTime, money, step, user } from '../journey.js';
import { BAD_COMMAND_RATE, type DemoStore, HR_RATES, STAFF } from '../profile.js';
import { type Random } from '../random.js';
import { personName, staffId } from './people.js';

// HR (docs/domain/hr.md): the staffing plan and everyone the other journeys act as, hired before the run; during the
// run monthly appraisals and commission statements, training, turnover in the support pool with onboarding, and
// the GM's approval of a seat above the plan.

interface Position {
  readonly positionId: string;
  readonly departmentId: string;
  readonly title: string;
  /** Staff id role code (`staffId(store, code, n)`) and how many hold the position. */
  readonly code: string;
  readonly count: number;
  readonly grade: 'L1' | 'L2' | 'L3' | 'L4' | 'L5';
  readonly salary: number;
  /** Positions whose people come and go during the run (no other journey acts as them). */
  readonly pool?: boolean;
}

export const DEPARTMENTS = {
  admin: 'Administration',
  sales: 'Sales',
  finance: 'Finance',
  service: 'After-sales service',
  parts: 'Parts',
  insurance: 'Insurance',
} as const;

/** One position per role the simulator acts as, plus the support pool. Salaries are monthly base pay in fen. */
export const POSITIONS: readonly Position[] = [
  { positionId: 'general-manager', departmentId: 'admin', title: 'General manager', code: 'gm', count: 1, grade: 'L5', salary: 2_000_000 },
  { positionId: 'hr-manager', departmentId: 'admin', title: 'HR and admin manager', code: 'hr', count: 1, grade: 'L4', salary: 900_000 },
  { positionId: 'receptionist', departmentId: 'admin', title: 'Receptionist', code: 'rcp', count: 2, grade: 'L1', salary: 400_000, pool: true },
  { positionId: 'sales-manager', departmentId: 'sales', title: 'Sales manager', code: 'sm', count: 1, grade: 'L4', salary: 1_000_000 },
  { positionId: 'sales-consultant', departmentId: 'sales', title: 'Sales consultant', code: 'c', count: STAFF.consultants, grade: 'L2', salary: 400_000 },
  { positionId: 'sales-assistant', departmentId: 'sales', title: 'Sales assistant', code: 'as', count: 2, grade: 'L1', salary: 350_000, pool: true },
  { positionId: 'online-specialist', departmentId: 'sales', title: 'Online sales specialist', code: 'os', count: 1, grade: 'L2', salary: 450_000 },
  { positionId: 'call-specialist', departmentId: 'sales', title: 'Inbound call specialist', code: 'cs', count: 1, grade: 'L2', salary: 400_000 },
  { positionId: 'finance-clerk', departmentId: 'finance', title: 'Finance clerk', code: 'fin', count: 1, grade: 'L2', salary: 500_000 },
  { positionId: 'cashier', departmentId: 'finance', title: 'Cashier', code: 'cash', count: 1, grade: 'L2', salary: 450_000 },
  { positionId: 'service-manager', departmentId: 'service', title: 'Service manager', code: 'wm', count: 1, grade: 'L4', salary: 1_000_000 },
  { positionId: 'service-advisor', departmentId: 'service', title: 'Service advisor', code: 'sa', count: STAFF.serviceAdvisors, grade: 'L2', salary: 500_000 },
  { positionId: 'dispatcher', departmentId: 'service', title: 'Workshop dispatcher', code: 'dsp', count: 1, grade: 'L3', salary: 600_000 },
  { positionId: 'mechanic', departmentId: 'service', title: 'Mechanical technician', code: 't', count: STAFF.mechanics, grade: 'L3', salary: 600_000 },
  { positionId: 'body-technician', departmentId: 'service', title: 'Body technician', code: 'tb', count: STAFF.bodyTechs, grade: 'L3', salary: 600_000 },
  { positionId: 'painter', departmentId: 'service', title: 'Painter', code: 'tp', count: STAFF.painters, grade: 'L3', salary: 600_000 },
  {
    positionId: 'trainee-technician',
    departmentId: 'service',
    title: 'Trainee technician (学徒)',
    code: 'tt',
    count: 3,
    grade: 'L1',
    salary: 300_000,
    pool: true,
  },
  { positionId: 'quality-inspector', departmentId: 'service', title: 'Quality inspector', code: 'qi', count: 1, grade: 'L3', salary: 650_000 },
  { positionId: 'washer', departmentId: 'service', title: 'Car washer', code: 'w', count: 1, grade: 'L1', salary: 350_000 },
  { positionId: 'porter', departmentId: 'service', title: 'Porter', code: 'p', count: 3, grade: 'L1', salary: 320_000, pool: true },
  { positionId: 'follow-up-clerk', departmentId: 'service', title: 'Follow-up clerk', code: 'fu', count: 1, grade: 'L2', salary: 400_000 },
  { positionId: 'warranty-clerk', departmentId: 'service', title: 'Warranty clerk', code: 'wc', count: 1, grade: 'L2', salary: 500_000 },
  { positionId: 'customer-service-manager', departmentId: 'service', title: 'Customer service manager', code: 'csm', count: 1, grade: 'L3', salary: 700_000 },
  { positionId: 'parts-manager', departmentId: 'parts', title: 'Parts manager', code: 'pm', count: 1, grade: 'L4', salary: 800_000 },
  { positionId: 'parts-clerk', departmentId: 'parts', title: 'Parts clerk', code: 'pc', count: 2, grade: 'L2', salary: 420_000 },
  { positionId: 'accessory-sales', departmentId: 'parts', title: 'Accessory salesperson', code: 'acc', count: 1, grade: 'L2', salary: 400_000 },
  { positionId: 'insurance-clerk', departmentId: 'insurance', title: 'Insurance clerk', code: 'ic', count: 1, grade: 'L2', salary: 450_000 },
  { positionId: 'renewal-clerk', departmentId: 'insurance', title: 'Renewal clerk (续保专员)', code: 'rc', count: 2, grade: 'L2', salary: 420_000 },
];

const gm = (store: DemoStore) => user(staffId(store, 'gm', 1), 'general_manager');
const hrManager = (store: DemoStore) => user(staffId(store, 'hr', 1), 'hr_manager');

const monthsBefore = (day: string, months: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

/** The staffing plan (定编), set up when the store opened: departments, then positions with their headcount. */
export const staffingPlanJourney = (store: DemoStore, opened: string, key: string): Journey => {
  const at = localTime(opened, 9);
  return {
    storeId: store.storeId,
    key,
    steps: [
      ...Object.entries(DEPARTMENTS).map(([departmentId, name]) => step(hr.DefineDepartment, { departmentId, name }, gm(store), at)),
      ...POSITIONS.map((p) =>
        step(hr.DefinePosition, { positionId: p.positionId, departmentId: p.departmentId, title: p.title, plannedHeadcount: p.count }, gm(store), at),
      ),
    ],
  };
};

/** The first day of the store's history: the plan is set five years before the run. */
export const storeOpened = (from: string): string => monthsBefore(from, 60);

const hireSteps = (rng: Random, store: DemoStore, p: Position, employeeId: string, hireDate: string, extra: { extraHeadcountApprovalId?: string } = {}): Step =>
  step(
    hr.HireEmployee,
    {
      employeeId,
      name: personName(rng),
      positionId: p.positionId,
      grade: p.grade,
      hireDate,
      probationMonths: 3,
      baseSalary: money(p.salary),
      ...extra,
    },
    gm(store),
    localTime(hireDate, 9, rng.int(0, 59)),
  );

/**
 * Everyone on the staff when the run starts, each hired on their own date in the store's past, trained within the
 * month and confirmed after probation — one journey per employee, dated, so the onboarding timer of a past hire
 * finds the training done.
 */
export const staffHistoryJourneys = (rng: Random, store: DemoStore, from: string, tag: string): Journey[] => {
  const opened = storeOpened(from);
  const span = Math.round((new Date(`${monthsBefore(from, 4)}T00:00:00Z`).getTime() - new Date(`${opened}T00:00:00Z`).getTime()) / 86_400_000);
  return POSITIONS.flatMap((p) =>
    Array.from({ length: p.count }, (_, i) => {
      const employeeId = staffId(store, p.code, i + 1);
      const hireDate = addDays(opened, rng.int(1, span));
      const manager = hrManager(store);
      return {
        storeId: store.storeId,
        key: `${tag}.staff-${employeeId}`,
        steps: [
          hireSteps(rng, store, p, employeeId, hireDate),
          step(hr.CompleteOnboardingTraining, { employeeId, completedOn: addDays(hireDate, rng.int(3, 20)) }, manager, localTime(addDays(hireDate, 21), 17)),
          step(
            hr.PassProbation,
            { employeeId, passedOn: addDays(monthsBefore(hireDate, -3), -1) },
            manager,
            localTime(addDays(monthsBefore(hireDate, -3), -1), 17),
          ),
        ],
      };
    }),
  );
};

/**
 * A newcomer's first months: an onboarding session within the month (or none, and the service's timer flags it
 * overdue), confirmation after three months.
 */
const newcomerSteps = (rng: Random, store: DemoStore, employeeId: string, hireDate: string): Step[] => {
  const manager = hrManager(store);
  const steps: Step[] = [];
  if (rng.chance(HR_RATES.onboardingInTime)) {
    const heldOn = addDays(hireDate, rng.int(3, 25));
    steps.push(
      step(
        hr.RecordTrainingSession,
        {
          sessionId: `OB-${employeeId}`,
          trainingType: 'onboarding',
          title: `${store.name}: new employee onboarding`,
          heldOn,
          hours: 8,
          attendees: [{ employeeId, assessment: 'passed' }],
        },
        manager,
        localTime(heldOn, 17),
      ),
    );
  }
  const confirmed = addDays(monthsBefore(hireDate, -3), -1);
  steps.push(step(hr.PassProbation, { employeeId, passedOn: confirmed }, manager, localTime(confirmed, 17)));
  return steps;
};

/** Turnover in the support pool: someone leaves, the seat is filled again a few weeks later. */
export const turnoverJourneys = (rng: Random, store: DemoStore, from: string, months: readonly string[], tag: string): Journey[] => {
  const pool = POSITIONS.filter((p) => p.pool);
  const holders = new Map(
    pool.map((p) => [p.positionId, Array.from({ length: p.count }, (_, i) => ({ employeeId: staffId(store, p.code, i + 1), since: '1970-01-01' }))]),
  );
  const journeys: Journey[] = [];
  let hired = 0;
  for (const month of months) {
    const leavers = rng.poisson(HR_RATES.leaversPerMonth);
    for (let i = 0; i < leavers; i += 1) {
      const p = rng.pick(pool);
      const seats = holders.get(p.positionId)!;
      const seat = rng.int(0, seats.length - 1);
      const leftOn = addDays(`${month}-01`, rng.int(0, 27));
      // Nobody leaves before the run, or in their first month.
      if (leftOn < from || leftOn <= addDays(seats[seat]!.since, 30)) continue;
      const leaver = seats[seat]!.employeeId;
      const voluntary = rng.chance(HR_RATES.voluntary);
      const reason = voluntary ? 'resigned' : rng.pick(['dismissed', 'contract_ended', 'probation_failed'] as const);
      hired += 1;
      const newcomer = staffId(store, `${p.code}n`, hired);
      const hireDate = addDays(leftOn, rng.int(10, 30));
      seats[seat] = { employeeId: newcomer, since: hireDate };
      journeys.push({
        storeId: store.storeId,
        key: `${tag}.turnover-${hired}`,
        steps: [
          step(hr.RecordLeaving, { employeeId: leaver, leftOn, reason, voluntary }, hrManager(store), localTime(leftOn, 17, rng.int(0, 59))),
          hireSteps(rng, store, p, newcomer, hireDate),
          ...newcomerSteps(rng, store, newcomer, hireDate),
        ],
      });
    }
  }
  return journeys;
};

/**
 * A fifth service advisor for the busy season: HR keys the hire into the full position first and is refused
 * (HEADCOUNT_FULL); the GM approves the extra seat and the hire goes through with the approval.
 */
export const extraSeatJourney = (rng: Random, store: DemoStore, day: string, tag: string): Journey => {
  const p = POSITIONS.find((x) => x.positionId === 'service-advisor')!;
  const employeeId = staffId(store, 'sa', STAFF.serviceAdvisors + 1);
  const approvalId = `XA${tag}-sa`;
  const hire = hireSteps(rng, store, p, employeeId, day);
  return {
    storeId: store.storeId,
    key: `${tag}.extra-seat`,
    steps: [
      { ...hire, actor: hrManager(store), at: localTime(day, 9), expectRejection: 'RULE_VIOLATION' },
      step(
        hr.ApproveExtraHeadcount,
        { approvalId, positionId: p.positionId, reason: 'Busy season: a fifth SA at the service desk' },
        gm(store),
        localTime(day, 10),
      ),
      { ...hire, data: { ...(hire.data as object), extraHeadcountApprovalId: approvalId }, at: localTime(day, 11) },
      ...newcomerSteps(rng, store, employeeId, day),
    ],
  };
};

const lastDay = (month: string): string => addDays(`${addDays(`${month}-28`, 5).slice(0, 7)}-01`, -1);

/**
 * A month's training and close: a product training for the consultants and a technical one for the technicians
 * mid-month; on the last day the sales manager scores the sales staff (a typo above 100 is refused now and then)
 * and HR issues the consultants' commission statements — after the store's projections have caught up with the
 * month, since a statement is computed from what they hold.
 */
export const monthJourneys = (rng: Random, store: DemoStore, month: string, tag: string): Journey[] => {
  const consultants = Array.from({ length: STAFF.consultants }, (_, i) => staffId(store, 'c', i + 1));
  const technicians = Array.from({ length: STAFF.mechanics }, (_, i) => staffId(store, 't', i + 1));
  const mid = `${month}-${String(rng.int(10, 18)).padStart(2, '0')}`;
  const training = (sessionId: string, trainingType: 'product' | 'technical', title: string, attendees: string[], heldOn: string): Journey => ({
    storeId: store.storeId,
    key: `${tag}.${sessionId}`,
    steps: [
      step(
        hr.RecordTrainingSession,
        {
          sessionId,
          trainingType,
          title,
          heldOn,
          hours: rng.int(4, 8) / 2,
          attendees: attendees
            .filter(() => rng.chance(0.85))
            .map((employeeId) => ({ employeeId, assessment: rng.chance(0.9) ? ('passed' as const) : ('failed' as const) })),
        },
        hrManager(store),
        localTime(heldOn, 18),
      ),
    ],
  });
  const closeDay = lastDay(month);
  const manager = user(staffId(store, 'sm', 1), 'sales_manager');
  const scored = [...consultants, staffId(store, 'os', 1)];
  const close: Step[] = [];
  for (const employeeId of scored) {
    const score = rng.int(70, 100);
    if (rng.chance(BAD_COMMAND_RATE * 3))
      close.push(
        step(hr.ScoreAppraisal, { employeeId, month, score: score + 100 }, manager, localTime(closeDay, 17), { expectRejection: 'VALIDATION_FAILED' }),
      );
    close.push(step(hr.ScoreAppraisal, { employeeId, month, score }, manager, localTime(closeDay, 17)));
  }
  consultants.forEach((employeeId, i) =>
    close.push(step(hr.IssueCommissionStatement, { employeeId, month }, hrManager(store), localTime(closeDay, 20), i === 0 ? { settleFirst: true } : {})),
  );
  const sessions = [
    training(`TR${tag}-${month}-product`, 'product', `${store.brand} product update ${month}`, consultants, mid),
    training(`TR${tag}-${month}-technical`, 'technical', `${store.brand} technical training ${month}`, technicians, addDays(mid, 1)),
  ].filter((j) => (j.steps[0]!.data as { attendees: unknown[] }).attendees.length > 0);
  return [...sessions, { storeId: store.storeId, key: `${tag}.close-${month}`, steps: close }];
};
