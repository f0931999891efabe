import { type Command, type CommandResult, type DomainEvent, RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { type CommandContract, type CommandData, type EventContract, type EventData, parseWith, upcastEvent } from './define.js';

// The types a service's domain and handlers use, derived from the contract arrays: a command or event added to
// a contract array joins its aggregate's union, its handler map and its decider's `switch`, and the compiler
// points at the case that is missing.

/** The domain event a contract describes (type and data; ids and metadata are added by the command handler). */
export type EventOf<C extends EventContract> = DomainEvent<C['type'], EventData<C>>;

/** The command a contract describes, with its data as the contract parses it. */
export type CommandOf<C extends CommandContract> = Command<C['type'], CommandData<C>>;

/** The union of the events of a contract array (`EventUnion<typeof workshop.repairOrderEvents>`). */
export type EventUnion<A extends readonly EventContract[]> = A[number] extends infer C ? (C extends EventContract ? EventOf<C> : never) : never;

/** The union of the commands of a contract array (`CommandUnion<typeof workshop.repairOrderCommands>`). */
export type CommandUnion<A extends readonly CommandContract[]> = A[number] extends infer C ? (C extends CommandContract ? CommandOf<C> : never) : never;

/** Builds an event of a contract, its data checked against the contract at compile time. */
export const event = <C extends EventContract>(contract: C, data: EventData<C>): EventOf<C> => ({ type: contract.type, data });

/**
 * A stored or delivered event as its contract's current version, typed: the data is upcast from the version it
 * was written with and validated (a typed ValidationError otherwise). The one way projections, folds and
 * consumers read an event's data, instead of a cast.
 */
export const decodeRecorded = <C extends EventContract>(
  contract: C,
  recorded: { readonly type: string; readonly schemaVersion: number; readonly data: unknown },
): EventOf<C> => {
  if (recorded.type !== contract.type) {
    throw new ValidationError(`expected a ${contract.type} event, got ${recorded.type}`, [{ path: 'type', message: `not ${contract.type}` }]);
  }
  return { type: contract.type, data: upcastEvent(contract, recorded.schemaVersion, recorded.data) };
};

/** Handles the command of one contract. */
export type ContractHandler<C extends CommandContract> = (command: CommandOf<C>) => Promise<CommandResult>;

/** Command type → handler, one per contract of the array: what a service serves and calls in process. */
export type HandlerMap<A extends readonly CommandContract[]> = { readonly [C in A[number] as C['type']]: ContractHandler<C> };

/**
 * Every command of `contracts` to one handler (an aggregate's). Each entry first validates the data against
 * its own contract, so in-process callers (timers, reactions) get the transport's typed ValidationError.
 */
export const route = <const A extends readonly CommandContract[]>(contracts: A, handle: (command: CommandUnion<A>) => Promise<CommandResult>): HandlerMap<A> =>
  Object.fromEntries(
    contracts.map((contract) => [
      contract.type,
      async (command: Command) => handle({ ...command, data: parseWith(contract.schema, command.data, `${contract.type} data`) } as CommandUnion<A>),
    ]),
  ) as HandlerMap<A>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * The routes of a service in one map. A command routed twice is refused here, at start-up (a spread would
 * keep the last one silently); a command routed nowhere is refused by the compiler where the result is
 * declared as the context's `HandlerMap`, and by `assertHandlesEvery` when the service starts.
 */
export const mergeRoutes = <const M extends readonly object[]>(...routes: M): UnionToIntersection<M[number]> => {
  const merged: Record<string, unknown> = {};
  for (const r of routes) {
    for (const [type, handle] of Object.entries(r)) {
      if (Object.hasOwn(merged, type)) throw new RooftopError('DUPLICATE_HANDLER', `${type} is routed to two handlers`, { type });
      merged[type] = handle;
    }
  }
  return merged as UnionToIntersection<M[number]>;
};

/**
 * Refuses to start a service whose handler map does not have exactly the context's commands: one missing
 * would only show as UNKNOWN_COMMAND at run time, one too many is a command no contract publishes.
 */
export const assertHandlesEvery = (context: { readonly context: string; readonly commands: readonly CommandContract[] }, handlers: object): void => {
  const expected = new Set(context.commands.map((c) => c.type));
  const served = Object.keys(handlers);
  const missing = [...expected].filter((type) => !served.includes(type));
  const unknown = served.filter((type) => !expected.has(type));
  if (missing.length > 0 || unknown.length > 0) {
    throw new RooftopError(
      'HANDLERS_MISMATCH',
      `${context.context} handlers do not match its command contracts (missing: ${missing.join(', ') || 'none'}; unknown: ${unknown.join(', ') || 'none'})`,
      {
        context: context.context,
        missing,
        unknown,
      },
    );
  }
};

/** Calls the handler of `command.type` in process (timers): the one cast from a command read back from storage. */
export const handleInProcess = (context: string, handlers: object, command: Command): Promise<CommandResult> => {
  const handle = Object.hasOwn(handlers, command.type)
    ? (handlers as Readonly<Record<string, (c: Command) => Promise<CommandResult>>>)[command.type]
    : undefined;
  if (!handle) return Promise.reject(new RooftopError('UNKNOWN_COMMAND', `no ${context} handler for ${command.type}`, { type: command.type }));
  return handle(command);
};
