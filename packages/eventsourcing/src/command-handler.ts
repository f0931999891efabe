import { type Command, type CommandResult } from './commands.js';
import { type Decider, fold } from './decider.js';
import { ConcurrencyError, DomainError, DuplicateCommandError, IdempotencyKeyReusedError } from './errors.js';
import { type DomainEvent, type NewEvent, type RecordedEvent } from './events.js';
import { type CommandKey, type EventStore, type RecordedCommand } from './event-store.js';
import { dataHash } from './fingerprint.js';
import { type IdGenerator, uuidv7Generator } from './ids.js';

export interface CommandHandlerOptions<TCommand extends Command> {
  readonly store: EventStore;
  /** The bounded context (service) the handler belongs to: command ids are keyed by it, see `CommandKey`. */
  readonly context: string;
  readonly groupId: string;
  /** The stream a command acts on (`<context>-<aggregate>-<id>`). */
  readonly streamOf: (command: TCommand) => string;
  /** Schema version of each event type as published in the contracts (default 1). */
  readonly schemaVersionOf?: (eventType: string) => number;
  readonly ids?: IdGenerator;
  /**
   * How many times a concurrency conflict is retried with a fresh load before it is returned (default 32). Each
   * conflict means another command on the stream committed, so N concurrent commands on one stream all finish
   * when this is at least N − 1; a conflict-free command never retries.
   */
  readonly maxRetries?: number;
}

/** One retry default for every context (it was 32 in sales and 5 elsewhere). */
export const DEFAULT_MAX_RETRIES = 32;

export type CommandHandler<TCommand extends Command> = (command: TCommand) => Promise<CommandResult>;

/**
 * The first result, when the recorded command is this one (same context, type and data); otherwise the id
 * is being reused for something else and the caller gets IDEMPOTENCY_KEY_REUSED, not someone else's result.
 */
const firstResult = (recorded: RecordedCommand, key: CommandKey): CommandResult => {
  if (recorded.context !== key.context || (recorded.type !== null && recorded.type !== key.type)) {
    throw new IdempotencyKeyReusedError(key.commandId, 'OTHER_COMMAND');
  }
  if (recorded.dataHash !== null && recorded.dataHash !== key.dataHash) throw new IdempotencyKeyReusedError(key.commandId, 'OTHER_DATA');
  return recorded.result;
};

/**
 * load → fold → decide → append with the expected version.
 * - A DomainError from the decider is thrown as is and nothing is appended.
 * - A concurrency conflict reloads and decides again, at most `maxRetries` times.
 * - A command id seen before returns the stored first result and appends nothing, if it was this command
 *   (context, type and data); otherwise IdempotencyKeyReusedError.
 */
export const commandHandler = <TCommand extends Command, TState, TEvent extends DomainEvent>(
  decider: Decider<TCommand, TState, TEvent>,
  options: CommandHandlerOptions<TCommand>,
): CommandHandler<TCommand> => {
  const { store, groupId, streamOf, context } = options;
  const schemaVersionOf = options.schemaVersionOf ?? (() => 1);
  const ids = options.ids ?? uuidv7Generator;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;

  return async (command) => {
    const key: CommandKey = { commandId: command.commandId, context, type: command.type, dataHash: dataHash(command.data) };
    const previous = await store.findCommand(command.commandId);
    if (previous) return firstResult(previous, key);

    const streamId = streamOf(command);
    for (let attempt = 0; ; attempt++) {
      const { streamVersion, events } = await store.readStream(streamId);
      const state = fold(decider, events as unknown as TEvent[]);
      const decision = decider.decide(command, state);
      if (decision instanceof DomainError) throw decision;

      const newEvents: NewEvent[] = decision.map((event) => ({
        eventId: ids.next(),
        type: event.type,
        data: event.data,
        schemaVersion: schemaVersionOf(event.type),
        metadata: {
          storeId: command.storeId,
          groupId,
          commandId: command.commandId,
          correlationId: command.metadata.correlationId,
          causationId: command.metadata.causationId ?? command.commandId,
          actor: command.actor,
          occurredAt: command.metadata.now,
          ...(command.metadata.traceparent ? { traceparent: command.metadata.traceparent } : {}),
        },
      }));

      const result = (recorded: readonly RecordedEvent[]): CommandResult => ({
        commandId: command.commandId,
        streamId,
        streamVersion: streamVersion + recorded.length,
        events: recorded.map((e) => ({ eventId: e.eventId, type: e.type, globalPosition: e.globalPosition })),
      });

      try {
        const appended = await store.appendToStream(streamId, newEvents, {
          expectedVersion: streamVersion,
          command: { ...key, result },
        });
        return result(appended.events);
      } catch (error) {
        if (error instanceof DuplicateCommandError) {
          const first = await store.findCommand(command.commandId);
          if (first) return firstResult(first, key);
        }
        if (error instanceof ConcurrencyError && attempt < maxRetries) continue;
        throw error;
      }
    }
  };
};
