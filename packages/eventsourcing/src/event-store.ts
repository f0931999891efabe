import { type CommandResult } from './commands.js';
import { ValidationError } from './errors.js';
import { type NewEvent, type RecordedEvent } from './events.js';

/**
 * What the stream must look like for an append to commit:
 * `any` (no check), `noStream` (the stream has no event yet), or an exact version (0 = no stream).
 */
export type ExpectedVersion = 'any' | 'noStream' | number;

/** What a command id was first used for: the service, the command type and a hash of its data. */
export interface CommandKey {
  readonly commandId: string;
  /** The bounded context (service) that handled it. */
  readonly context: string;
  readonly type: string;
  /** `dataHash(command.data)`: sha-256 of the canonical JSON of the command's data. */
  readonly dataHash: string;
}

const KEY_PART = /^[\x21-\x7e]{1,200}$/;

/** Every adapter's check of the key a command is recorded under: context, type and data hash are short printable tokens. */
export const assertCommandKey = (key: { context?: unknown; type?: unknown; dataHash?: unknown }): Omit<CommandKey, 'commandId'> => {
  for (const part of ['context', 'type', 'dataHash'] as const) {
    const value = key[part];
    if (typeof value !== 'string' || !KEY_PART.test(value)) {
      throw new ValidationError(`command.${part} must be 1–200 printable ASCII characters`, [
        { path: `command.${part}`, message: 'must be 1–200 printable ASCII characters' },
      ]);
    }
  }
  return key as Omit<CommandKey, 'commandId'>;
};

/** A handled command as the event store recorded it. */
export interface RecordedCommand {
  readonly commandId: string;
  readonly context: string;
  /**
   * Null only for commands recorded before keys were (PostgreSQL event store schema version 1): their context
   * is taken from the stream id (`<context>-<aggregate>-<id>`), and any type and data count as theirs.
   */
  readonly type: string | null;
  readonly dataHash: string | null;
  readonly result: CommandResult;
}

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /**
   * Records the command (its key and result) in the same transaction as the events. If the command id was
   * already recorded the append fails with DuplicateCommandError and nothing is written.
   */
  readonly command?: CommandKey & { readonly result: (recorded: readonly RecordedEvent[]) => CommandResult };
}

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append. */
  readonly streamVersion: number;
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First stream version to return (default 1). */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadStreamResult {
  /** Current version of the stream; 0 when it does not exist. */
  readonly streamVersion: number;
  readonly events: readonly RecordedEvent[];
}

export interface ReadAllOptions {
  /** Return events strictly after this global position (0 = from the start). */
  readonly after: number;
  readonly maxCount: number;
  /** Only these event types (the position still advances past the others). */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /**
   * The position a reader may checkpoint after this batch. It can be beyond the last returned event (when
   * filtered out events were skipped) but never beyond a position that may still be filled by an
   * in-flight transaction.
   */
  readonly checkpoint: number;
}

export interface SubscribeOptions {
  readonly after: number;
  readonly batchSize?: number;
  readonly eventTypes?: readonly string[];
  readonly signal?: AbortSignal;
}

/**
 * The event store port. Adapters: PostgreSQL (default, `@rooftop/eventstore-postgres`) and EventStoreDB/KurrentDB
 * (`@rooftop/eventstore-eventstoredb`, ADR 0035). One contract suite (`describeEventStoreContract`) tests both; the
 * EventStoreDB run needs a server (Docker or EVENTSTORE_URL) and is reported as skipped without one.
 *
 * Gap safety: `readAll` and `subscribe` never return an event past a position whose transaction may still
 * commit, so a tailing reader never skips an event that commits later with a smaller position.
 */
export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** Catch-up from `after`, then live. Ends when the signal aborts. Yields batches in log order. */
  subscribe(options: SubscribeOptions): AsyncIterable<ReadAllResult>;
  /** The highest position that is safe to read now (the log's gap-safe head). */
  headPosition(): Promise<number>;
  /** The command recorded under this id (its key and first result), if that id was handled before. */
  findCommand(commandId: string): Promise<RecordedCommand | undefined>;
}
