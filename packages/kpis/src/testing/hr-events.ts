import { type EventContract, type EventData, hr, parseWith } from '@rooftop/contracts';
import { streamName, uuidv7 } from '@rooftop/eventsourcing';
import { type BuiltEvent } from './sales-events.js';

// Contract-valid HR events for tests of read models; every event is validated against its contract schema.

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

export interface HrEventsOptions {
  readonly storeId: string;
  readonly groupId?: string;
}

type Seat = { departmentId: string; positionId: string };

/** Builders bound to one store; `at` is the event's occurredAt (an ISO instant with offset). */
export const hrEvents = (options: HrEventsOptions) => {
  const build = <C extends EventContract>(contract: C, aggregate: string, id: string, data: EventData<C>, at: string): BuiltEvent => ({
    streamId: streamName('hr', aggregate, id),
    event: {
      eventId: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      data: parseWith(contract.schema, data, contract.type),
      metadata: {
        storeId: options.storeId,
        groupId: options.groupId ?? 'group-test',
        correlationId: uuidv7(),
        actor: { kind: 'user', id: 'hr-1', roles: ['hr_manager'] },
        occurredAt: at,
      },
    },
  });
  const staffing = options.storeId;
  return {
    positionDefined: (d: Seat & { plannedHeadcount: number }, at: string) => build(hr.PositionDefined, 'staffing', staffing, { ...d, title: d.positionId }, at),
    hired: (d: Seat & { employeeId: string; hireDate: string }, at: string) =>
      build(hr.EmployeeHired, 'staffing', staffing, { ...d, name: '员工', grade: 'L1', probationEndsOn: d.hireDate, baseSalary: cny(100_000) }, at),
    transferred: (d: { employeeId: string; from: Seat; to: Seat; effectiveDate: string }, at: string) =>
      build(
        hr.EmployeeTransferred,
        'staffing',
        staffing,
        {
          employeeId: d.employeeId,
          fromDepartmentId: d.from.departmentId,
          fromPositionId: d.from.positionId,
          toDepartmentId: d.to.departmentId,
          toPositionId: d.to.positionId,
          effectiveDate: d.effectiveDate,
        },
        at,
      ),
    left: (d: Seat & { employeeId: string; leftOn: string; voluntary: boolean }, at: string) =>
      build(hr.EmployeeLeft, 'staffing', staffing, { ...d, reason: d.voluntary ? 'resigned' : 'dismissed' }, at),
    onboardingCompleted: (d: { employeeId: string; completedOn: string; dueOn: string }, at: string) =>
      build(hr.OnboardingTrainingCompleted, 'employee', d.employeeId, { ...d, onTime: d.completedOn <= d.dueOn }, at),
    onboardingOverdue: (d: { employeeId: string; hireDate: string; dueOn: string }, at: string) =>
      build(hr.OnboardingTrainingOverdue, 'employee', d.employeeId, d, at),
    training: (d: { sessionId: string; heldOn: string; hours: number; attendees: string[] }, at: string) =>
      build(
        hr.TrainingSessionRecorded,
        'training',
        d.sessionId,
        {
          sessionId: d.sessionId,
          trainingType: 'product',
          title: '培训',
          heldOn: d.heldOn,
          hours: d.hours,
          attendees: d.attendees.map((employeeId) => ({ employeeId, assessment: 'passed' as const })),
        },
        at,
      ),
    statement: (d: { employeeId: string; month: string; performancePayFen: number; revision?: number; previousPerformancePayFen?: number }, at: string) =>
      build(
        hr.CommissionStatementIssued,
        'commission',
        `${d.employeeId}_${d.month}`,
        {
          employeeId: d.employeeId,
          month: d.month,
          schemeId: '2013-05',
          role: 'consultant',
          unitsSettled: 0,
          band: 0,
          lines: [],
          commissionTotal: cny(d.performancePayFen),
          appraisalScore: 100,
          performancePay: cny(d.performancePayFen),
          revision: d.revision ?? 1,
          previousPerformancePay: cny(d.previousPerformancePayFen ?? 0),
        },
        at,
      ),
  };
};
