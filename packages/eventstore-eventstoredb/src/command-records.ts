import { type CommandResult, type NewEvent, type RecordedCommand, type RecordedEvent } from '@rooftop/eventsourcing';
import { EventStoreDbError } from './errors.js';
import { RESERVED_PREFIX } from './stored-event.js';

/**
 * A command's result is recorded as the only event of the stream `_rooftop-command-<commandId>`, written
 * with "no stream" in the same multi-stream append as the command's events: the append commits both or
 * neither, and a second append with the same command id fails on that stream (DuplicateCommandError).
 *
 * Positions are only known once the append has committed, so the stored result carries position 0 for its
 * events; reading it back resolves them by event id from the stream at the versions the append stated, or, for
 * an `any` append, from the records that follow it in `$all` (one append's records are contiguous in the log).
 */
export const COMMAND_RECORD_TYPE = 'RooftopCommandRecorded';

export const commandStreamOf = (commandId: string): string => `${RESERVED_PREFIX}command-${commandId}`;

export interface CommandRecordData {
  readonly v: 1;
  readonly streamId: string;
  /** How many events the command appended (0 for a command that decided nothing). */
  readonly count: number;
  /** The version of its first event, when the append stated it (every append but `any`). */
  readonly firstVersion?: number;
  /**
   * What the command id was first used for (ADR 0021): the service, the command type and the hash of its data.
   * Absent in records written before commands were keyed; their context is the stream id's first part, and any
   * type and data count as theirs (as PostgreSQL's rows from before its schema version 2).
   */
  readonly context?: string;
  readonly type?: string;
  readonly dataHash?: string;
  readonly result: CommandResult;
}

/** What a command record keys: absent for a record from before keys, and then the context is the stream's. */
export interface CommandRecordKey {
  readonly context: string;
  readonly type: string | null;
  readonly dataHash: string | null;
}

/** The result as the caller's function computes it from events not numbered yet. */
export const provisionalResult = (
  result: (recorded: readonly RecordedEvent[]) => CommandResult,
  streamId: string,
  events: readonly NewEvent[],
  firstVersion: number,
): CommandResult => result(events.map((event, i) => ({ ...event, streamId, streamVersion: firstVersion + i, globalPosition: 0, recordedAt: new Date(0) })));

export const commandRecordData = (streamId: string, count: number, key: CommandRecordKey, result: CommandResult, firstVersion?: number): CommandRecordData => ({
  v: 1,
  streamId,
  count,
  context: key.context,
  ...(key.type === null ? {} : { type: key.type }),
  ...(key.dataHash === null ? {} : { dataHash: key.dataHash }),
  result,
  ...(firstVersion === undefined ? {} : { firstVersion }),
});

/** The context of a stream id `<context>-<aggregate>-<id>`: what a record without one was handled by. */
const contextOfStream = (streamId: string): string => streamId.split('-')[0]!;

/** The command as the port returns it, from its parsed record and its (resolved) result. */
export const recordedCommand = (commandId: string, stored: CommandRecordData, result: CommandResult): RecordedCommand => ({
  commandId,
  context: stored.context ?? contextOfStream(stored.streamId),
  type: stored.type ?? null,
  dataHash: stored.dataHash ?? null,
  result,
});

const optionalText = (value: unknown): boolean => value === undefined || (typeof value === 'string' && value.length > 0);

export const parseCommandRecord = (commandId: string, data: unknown): CommandRecordData => {
  const record = data as Partial<CommandRecordData> | null;
  if (
    typeof record !== 'object' ||
    record === null ||
    record.v !== 1 ||
    typeof record.streamId !== 'string' ||
    !Number.isInteger(record.count) ||
    (record.firstVersion !== undefined && !(Number.isInteger(record.firstVersion) && record.firstVersion >= 1)) ||
    !optionalText(record.context) ||
    !optionalText(record.type) ||
    !optionalText(record.dataHash) ||
    typeof record.result !== 'object' ||
    record.result === null ||
    !Array.isArray(record.result.events)
  ) {
    throw new EventStoreDbError(`the command record of ${commandId} is malformed`, 'MALFORMED_COMMAND_RECORD');
  }
  return record as CommandRecordData;
};

/** The stored result with each event's position taken from the recorded event of the same id. */
export const resolvePositions = (commandId: string, result: CommandResult, recorded: ReadonlyMap<string, number>): CommandResult => ({
  ...result,
  events: result.events.map((e) => {
    const position = recorded.get(e.eventId);
    if (position === undefined)
      throw new EventStoreDbError(`event ${e.eventId} of command ${commandId} was not found after its record`, 'COMMAND_EVENTS_MISSING');
    return { ...e, globalPosition: position };
  }),
});
