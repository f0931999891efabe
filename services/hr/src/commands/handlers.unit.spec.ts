import { hr } from '@rooftop/contracts';
import { type Actor, type Command, InMemoryEventStore, type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { scheduledCommandsOf } from '@rooftop/service-host';
import { describe, expect, it } from 'vitest';
import { cny, generalManager, hireData, hrManager, STORE } from '../../test/builders.js';
import { DEFAULT_COMMISSION_SETTINGS } from '../domain/commission/settings.js';
import { DEFAULT_HR_SETTINGS } from '../domain/settings.js';
import { type ConsultantMonthInputs } from '../projections/commission-inputs/commission-inputs.queries.js';
import { hrHandlers } from './handlers.js';
import { streams } from './streams.js';
import { timersFor } from '../domain/timers.js';

// The handler map on the kernel's in-memory store: cross-stream reads, validation, statements and timer ids (no I/O).

const march: ConsultantMonthInputs = {
  vehicleSales: [
    { orderId: 'o-1', consultantId: 'emp-1', model: 'T61', price: 10_000_200, floorPrice: 10_000_000, financed: true, online: false, settledOn: '2025-03-20' },
  ],
  targetUnits: 1,
  policies: [],
  decorations: [{ saleId: 'd-1', soldBy: 'emp-1', net: 30_000, cost: 15_000, soldOn: '2025-03-05' }],
};

const setup = () => {
  const store = new InMemoryEventStore();
  const handlers = hrHandlers({
    store,
    groupId: 'g1',
    settings: DEFAULT_HR_SETTINGS,
    commission: DEFAULT_COMMISSION_SETTINGS,
    salesInputs: () => Promise.resolve(march),
  });
  let n = 0;
  const send = (type: string, data: unknown, actor: Actor = hrManager) =>
    (handlers as Record<string, (c: Command) => Promise<unknown>>)[type]!({
      commandId: `u-${++n}`,
      type,
      storeId: STORE,
      actor,
      data,
      metadata: { now: '2025-03-03T10:00:00+08:00', correlationId: `c-${n}` },
    });
  return { store, send, handlers };
};

const plan = async (send: ReturnType<typeof setup>['send']) => {
  await send('DefineDepartment', { departmentId: 'sales', name: '销售部' });
  await send('DefinePosition', { positionId: 'sales-consultant', departmentId: 'sales', title: '销售顾问', plannedHeadcount: 1 }, generalManager);
  await send('DefinePosition', { positionId: 'technician', departmentId: 'sales', title: '机电', plannedHeadcount: 1 }, generalManager);
};

describe('hr handlers', () => {
  it('serve every hr command contract', () => {
    expect(Object.keys(setup().handlers).sort()).toEqual(hr.hrCommands.map((c) => c.type).sort());
  });

  it('refuse a hire into a full position and bad data with typed errors, appending nothing', async () => {
    const { store, send } = setup();
    await plan(send);
    await send('HireEmployee', hireData('emp-1'));
    const version = (await store.readStream(streams.staffing(STORE))).streamVersion;
    await expect(send('HireEmployee', hireData('emp-2'))).rejects.toMatchObject({ code: 'RULE_VIOLATION', reason: 'HEADCOUNT_FULL' });
    await expect(send('HireEmployee', { ...hireData('emp-2'), baseSalary: cny(-1) })).rejects.toBeInstanceOf(ValidationError);
    expect((await store.readStream(streams.staffing(STORE))).streamVersion).toBe(version);
  });

  it("decide an employee's commands with the seat from the staffing stream", async () => {
    const { store, send } = setup();
    await plan(send);
    await expect(send('PassProbation', { employeeId: 'emp-1', passedOn: '2025-06-01' })).rejects.toMatchObject({ reason: 'UNKNOWN_EMPLOYEE' });
    await send('HireEmployee', hireData('emp-1'));
    await send('PassProbation', { employeeId: 'emp-1', passedOn: '2025-06-02' });
    expect((await store.readStream(streams.employee('emp-1'))).events.map((e) => e.type)).toEqual(['ProbationPassed']);
  });

  it('issue a statement from the inputs, the seat and the score; refuse one for a position the scheme does not pay', async () => {
    const { store, send } = setup();
    await plan(send);
    await send('HireEmployee', hireData('emp-1'));
    await send('HireEmployee', hireData('tech-1', 'technician'));
    await send('ScoreAppraisal', { employeeId: 'emp-1', month: '2025-03', score: 80 });
    await send('IssueCommissionStatement', { employeeId: 'emp-1', month: '2025-03' });
    const [issued] = (await store.readStream(streams.commission('emp-1', '2025-03'))).events;
    // 100 % → 300元; 1/2 × 2元 = 1元; financed 300元; (300 − 150) ÷ 3 = 50元 → 651元 × 0.8 = 520.80元
    expect(issued?.data).toMatchObject({ band: 100, commissionTotal: cny(65_100), performancePay: cny(52_080), revision: 1 });
    await expect(send('IssueCommissionStatement', { employeeId: 'tech-1', month: '2025-03' })).rejects.toMatchObject({ reason: 'NOT_A_SALESPERSON' });
  });

  it('schedule the onboarding check for the day after it is due, under a deterministic id', async () => {
    const { store, send } = setup();
    await plan(send);
    await send('HireEmployee', hireData('emp-1'));
    const hired = (await store.readStream(streams.staffing(STORE))).events.filter((e) => e.type === 'EmployeeHired') as RecordedEvent[];
    const [timer] = scheduledCommandsOf('hr', (e) => timersFor(e, DEFAULT_HR_SETTINGS))(hired);
    expect(timer).toMatchObject({
      scheduleId: `hr:${STORE}:onboarding:emp-1`,
      dueAt: new Date('2025-04-03T16:00:00Z'),
      command: { type: 'CheckOnboardingTraining', data: { employeeId: 'emp-1' } },
    });
  });

  it('complete onboarding for the attendees of an onboarding session who did not fail it', async () => {
    const { store, send } = setup();
    const attendees = [{ employeeId: 'emp-1', assessment: 'passed' }, { employeeId: 'emp-2', assessment: 'failed' }, { employeeId: 'emp-3' }];
    await send('RecordTrainingSession', { sessionId: 's-1', trainingType: 'onboarding', title: '入职培训', heldOn: '2025-03-10', hours: 4, attendees });
    await send('RecordTrainingSession', { sessionId: 's-2', trainingType: 'product', title: '产品', heldOn: '2025-03-11', hours: 2, attendees });
    const recorded = [
      ...(await store.readStream(streams.training('s-1'))).events,
      ...(await store.readStream(streams.training('s-2'))).events,
    ] as RecordedEvent[];
    const commands = scheduledCommandsOf('hr', (e) => timersFor(e, DEFAULT_HR_SETTINGS))(recorded).map((t) => [t.scheduleId, t.command.type, t.command.data]);
    expect(commands).toEqual([
      [`hr:${STORE}:onboarding-session:s-1:emp-1`, 'CompleteOnboardingTraining', { employeeId: 'emp-1', completedOn: '2025-03-10', sessionId: 's-1' }],
      [`hr:${STORE}:onboarding-session:s-1:emp-3`, 'CompleteOnboardingTraining', { employeeId: 'emp-3', completedOn: '2025-03-10', sessionId: 's-1' }],
    ]);
  });
});
