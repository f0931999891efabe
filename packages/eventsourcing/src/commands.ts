import { type Actor } from './events.js';

/**
 * A command: time and ids come in with it, so domain code never reads a clock or a random source.
 * `commandId` makes it idempotent: the same id handled twice returns the first result and appends nothing.
 */
export interface Command<TType extends string = string, TData = unknown> {
  readonly commandId: string;
  readonly type: TType;
  readonly storeId: string;
  readonly actor: Actor;
  readonly data: TData;
  readonly metadata: CommandMetadata;
}

export interface CommandMetadata {
  /** The business time of the command (ISO-8601 with offset). */
  readonly now: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly traceparent?: string;
}

/** What a handled command returns (and what a repeated command returns again, unchanged). */
export interface CommandResult {
  readonly commandId: string;
  readonly streamId: string;
  /** The stream's version after the command (unchanged when the decision emitted no event). */
  readonly streamVersion: number;
  readonly events: ReadonlyArray<{ readonly eventId: string; readonly type: string; readonly globalPosition: number }>;
}
