import { type HandlerMap, hr, mergeRoutes, route } from '@rooftop/contracts';
import { type Command, DomainError, type CommandResult, commandHandler, type Decider, type DomainEvent, type EventStore, fold } from '@rooftop/eventsourcing';
import { commissionStatement } from '../domain/commission/calculate.js';
import { type CommissionSettings, schemeOf } from '../domain/commission/settings.js';
import { statementDecider, type StatementCommand } from '../domain/commission/statement.decider.js';
import { employeeDecider, type EmployeeCommand } from '../domain/employee/employee.decider.js';
import { type HrSettings } from '../domain/settings.js';
import { staffingDecider, type StaffingCommand } from '../domain/staffing/staffing.decider.js';
import { trainingDecider, type TrainingCommand } from '../domain/training/training.decider.js';
import { type ConsultantMonthInputs } from '../projections/commission-inputs/commission-inputs.queries.js';
import { streams } from './streams.js';

export interface HrHandlerOptions {
  /** The scheduling store (hires start the onboarding timer), or any EventStore in unit tests. */
  readonly store: EventStore;
  readonly groupId: string;
  readonly settings: HrSettings;
  readonly commission: CommissionSettings;
  /** A salesperson's month of sales inputs (the commission-inputs projection; a fake in unit tests). */
  readonly salesInputs: (q: { storeId: string; employeeId: string; month: string }) => Promise<ConsultantMonthInputs>;
}

/** Command type → handler, one per HR command contract. The transport and the timers call these. */
export type HrHandlers = HandlerMap<typeof hr.hrCommands>;

const schemaVersions = new Map<string, number>(hr.hrEvents.map((e) => [e.type, e.schemaVersion]));

export const hrHandlers = (options: HrHandlerOptions): HrHandlers => {
  const { store, groupId, settings, commission } = options;
  const scheme = schemeOf(commission);
  const base = { store, context: hr.HR_CONTEXT, groupId, schemaVersionOf: (type: string) => schemaVersions.get(type) ?? 1 };
  const handler = <C extends Command, S, E extends DomainEvent>(decider: Decider<C, S, E>, streamOf: (c: C) => string) =>
    commandHandler(decider, { ...base, streamOf });

  const staffing = handler(staffingDecider, (c: StaffingCommand) => streams.staffing(c.storeId));
  const training = handler(trainingDecider, (c: TrainingCommand) => streams.training(c.data.sessionId));
  // An employee's own stream is decided with the seat the staffing stream gives them (read first; the decider stays pure).
  const staffingOf = async (storeId: string) => fold(staffingDecider, (await store.readStream(streams.staffing(storeId))).events as never);
  const employees = async (command: EmployeeCommand): Promise<CommandResult> => {
    const decider = employeeDecider({ placement: (await staffingOf(command.storeId)).employees.get(command.data.employeeId), settings });
    return handler(decider, (c: EmployeeCommand) => streams.employee(c.data.employeeId))(command);
  };
  // A statement is computed from what the other contexts reported (the inputs projection), the seat (which
  // table of the scheme) and the month's appraisal score (the employee's stream), then issued with every line.
  const statements = async (command: StatementCommand): Promise<CommandResult> => {
    const { employeeId, month } = command.data;
    const placement = (await staffingOf(command.storeId)).employees.get(employeeId);
    if (placement && commission.positions[placement.positionId] === undefined) {
      throw new DomainError('NOT_A_SALESPERSON', `${employeeId} holds position ${placement.positionId}, which the commission scheme does not pay`, {
        employeeId,
      });
    }
    const employee = fold(employeeDecider({ placement, settings }), (await store.readStream(streams.employee(employeeId))).events as never);
    const sales = await options.salesInputs({ storeId: command.storeId, employeeId, month });
    const score = employee.appraisals.get(month);
    const person = {
      employeeId,
      role: (placement && commission.positions[placement.positionId]) ?? 'consultant',
      ...(sales.targetUnits === undefined ? {} : { targetUnits: sales.targetUnits }),
      ...(score === undefined ? {} : { appraisalScore: score }),
    } as const;
    const inputs = {
      salespeople: [person],
      vehicleSales: sales.vehicleSales,
      policies: sales.policies,
      decorations: sales.decorations,
      modelClasses: commission.modelClasses,
      defaultClass: commission.defaultClass,
    };
    const computed = commissionStatement(scheme, inputs, person, month);
    return handler(statementDecider(computed), (c: StatementCommand) => streams.commission(c.data.employeeId, c.data.month))(command);
  };

  return mergeRoutes(
    route(hr.staffingCommands, staffing),
    route(hr.employeeCommands, employees),
    route(hr.trainingCommands, training),
    route(hr.commissionCommands, statements),
  );
};
