import { type CommandUnion, event, type EventUnion, hr } from '@rooftop/contracts';
import { type Decider, DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { addMonths, localDate } from '../dates.js';
import { type HrSettings } from '../settings.js';
import { type Placement } from '../staffing/staffing.state.js';

export type EmployeeEvent = EventUnion<typeof hr.employeeEvents>;

export type EmployeeCommand = CommandUnion<typeof hr.employeeCommands>;

/** One employee's own stream; hire, transfer and leaving live in the staffing stream and come in as `placement`. */
export interface Employee {
  readonly probationPassedOn?: string;
  readonly pay?: Pick<Placement, 'grade' | 'baseSalary'>;
  readonly onboarding: 'pending' | 'completed' | 'overdue';
  readonly appraisals: ReadonlyMap<string, number>;
}

export interface EmployeeContext {
  /** The employee's seat from the staffing stream (undefined: never hired here). */
  readonly placement: Placement | undefined;
  readonly settings: HrSettings;
}

/** Last day onboarding training may be done on (hire date + the setting's months). */
export const onboardingDueOn = (hireDate: string, settings: HrSettings): string => addMonths(hireDate, settings.onboardingWithinMonths);

const rejectUnknown = (employeeId: string, placement: Placement | undefined): DomainError | Placement =>
  placement ?? notFound('UNKNOWN_EMPLOYEE', `no employee ${employeeId}`, { employeeId });

const decide =
  ({ placement: seat, settings }: EmployeeContext) =>
  (command: EmployeeCommand, state: Employee): EmployeeEvent[] | DomainError => {
    const { employeeId } = command.data;
    const placement = rejectUnknown(employeeId, seat);
    if (placement instanceof DomainError) return placement;
    const notBeforeHire = (date: string): DomainError | undefined =>
      date < placement.hireDate ? new DomainError('BEFORE_HIRE', `${date} is before the hire date ${placement.hireDate}`, { employeeId }) : undefined;
    const dueOn = onboardingDueOn(placement.hireDate, settings);

    switch (command.type) {
      case 'CheckOnboardingTraining': {
        // The timer fires after the due day; a completed, already flagged or departed employee needs no alert.
        if (state.onboarding !== 'pending' || placement.status === 'left') return [];
        if (localDate(command.metadata.now, settings.timeZone) <= dueOn)
          return new DomainError('ONBOARDING_NOT_DUE', `onboarding training is due by ${dueOn}`, { employeeId, dueOn });
        return [event(hr.OnboardingTrainingOverdue, { employeeId, hireDate: placement.hireDate, dueOn })];
      }
      case 'ScoreAppraisal': {
        const { month, score } = command.data;
        if (month < placement.hireDate.slice(0, 7)) return new DomainError('BEFORE_HIRE', `${month} is before the hire month`, { employeeId });
        if (state.appraisals.get(month) === score) return [];
        return [event(hr.AppraisalScored, { employeeId, month, score, scoredBy: command.actor.id })];
      }
      default:
        break;
    }
    if (placement.status === 'left') return invalidTransition('EMPLOYEE_LEFT', `employee ${employeeId} has left`, { employeeId });
    switch (command.type) {
      case 'PassProbation': {
        if (state.probationPassedOn !== undefined)
          return invalidTransition('PROBATION_ALREADY_PASSED', `employee ${employeeId} passed probation on ${state.probationPassedOn}`);
        return notBeforeHire(command.data.passedOn) ?? [event(hr.ProbationPassed, command.data)];
      }
      case 'AdjustSalary': {
        const { effectiveDate, grade, baseSalary } = command.data;
        const previous = state.pay ?? placement;
        if (previous.grade === grade && previous.baseSalary.amount === baseSalary.amount) return [];
        return (
          notBeforeHire(effectiveDate) ?? [
            event(hr.SalaryAdjusted, { employeeId, effectiveDate, grade, baseSalary, previousGrade: previous.grade, previousBaseSalary: previous.baseSalary }),
          ]
        );
      }
      case 'CompleteOnboardingTraining': {
        if (state.onboarding === 'completed') return [];
        const { completedOn, sessionId } = command.data;
        return (
          notBeforeHire(completedOn) ?? [
            event(hr.OnboardingTrainingCompleted, {
              employeeId,
              completedOn,
              dueOn,
              onTime: completedOn <= dueOn,
              ...(sessionId === undefined ? {} : { sessionId }),
            }),
          ]
        );
      }
      default:
        return unreachable(command);
    }
  };

const evolve = (state: Employee, e: EmployeeEvent): Employee => {
  switch (e.type) {
    case 'ProbationPassed':
      return { ...state, probationPassedOn: e.data.passedOn };
    case 'SalaryAdjusted':
      return { ...state, pay: { grade: e.data.grade, baseSalary: e.data.baseSalary } };
    case 'OnboardingTrainingCompleted':
      return { ...state, onboarding: 'completed' };
    case 'OnboardingTrainingOverdue':
      return { ...state, onboarding: 'overdue' };
    case 'AppraisalScored':
      return { ...state, appraisals: new Map(state.appraisals).set(e.data.month, e.data.score) };
    default:
      return unreachable(e);
  }
};

export const employeeDecider = (context: EmployeeContext): Decider<EmployeeCommand, Employee, EmployeeEvent> => ({
  decide: decide(context),
  evolve,
  initialState: () => ({ onboarding: 'pending', appraisals: new Map() }),
});
