import { isDeepStrictEqual } from 'node:util';
import {
  type AppendOptions,
  type AppendResult,
  assertCommandKey,
  type CommandKey,
  type CommandResult,
  ConcurrencyError,
  DuplicateCommandError,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from '@rooftop/eventsourcing';
import type pg from 'pg';
import { AppendPerTransactionError, AppendTooLargeError, DuplicateEventIdError } from './errors.js';
import { type EventStoreNames } from './names.js';
import { prepared } from './prepared.js';
import { MAX_EVENTS_PER_APPEND, positionSql, toPosition } from './positions.js';
import { assertCommandId, assertExpectedVersion, assertStreamId, type EventColumns, eventColumns, toJsonColumn } from './validation.js';

export type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * The streams row decides the version check, so a conflict is found by one indexed row, never by reading the
 * stream: an exact version is a conditional UPDATE (a concurrent writer's commit makes the WHERE fail), a new
 * stream is an INSERT that loses to any existing row, `any` is an upsert.
 */
const streamStatement = (streams: string, expected: ExpectedVersion, expectedParam: string): string => {
  if (expected === 'any') {
    return `INSERT INTO ${streams} AS s (stream_id, version) VALUES ($1, $2::int)
            ON CONFLICT (stream_id) DO UPDATE SET version = s.version + $2::int RETURNING version`;
  }
  if (expected === 'noStream' || expected === 0) {
    return `INSERT INTO ${streams} (stream_id, version) VALUES ($1, $2::int) ON CONFLICT (stream_id) DO NOTHING RETURNING version`;
  }
  return `UPDATE ${streams} SET version = version + $2::int WHERE stream_id = $1 AND version = ${expectedParam}::int RETURNING version`;
};

// One statement: version check and events. When the check fails no row reaches the INSERT. Data and metadata
// travel as one JSON array each (jsonb_array_elements), not as jsonb[]: a PostgreSQL array literal of JSON texts
// escapes every quote on the client and unescapes it on the server, which was most of a batch's encoding cost. The wake-up NOTIFY
// is not part of it: the store sends it after COMMIT (ADR 0004), since a NOTIFY in the transaction serialises
// every appending commit.
const eventsStatement = (names: EventStoreNames, expected: ExpectedVersion, expectedParam: string): string => `
  WITH stream AS (${streamStatement(names.streams, expected, expectedParam)}),
  inserted AS (
    INSERT INTO ${names.events}
      (global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, transaction_id)
    SELECT ${positionSql('e.ord - 1')}, $1, stream.version - $2::int + e.ord, e.event_id, e.type, e.schema_version, e.data, e.metadata,
           pg_current_xact_id()
    FROM stream, ROWS FROM (unnest($3::uuid[]), unnest($4::text[]), unnest($5::int[]), jsonb_array_elements($6::jsonb), jsonb_array_elements($7::jsonb))
         WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, ord)
    RETURNING global_position, stream_version, recorded_at, event_id, type)`;

const appendStatement = (names: EventStoreNames, expected: ExpectedVersion): string => `${eventsStatement(names, expected, '$8')}
  SELECT global_position, stream_version, recorded_at FROM inserted ORDER BY stream_version`;

/**
 * The append and its command result in one statement (ADR 0030): the result row is built from the inserted
 * rows in the shape of `standardCommandResult`. It is a plain INSERT: a command id already recorded (or being
 * recorded by a concurrent transaction, which it waits for) fails the whole statement with a unique violation
 * on `command_results_pkey`, so no event of a repeated command is ever written. A failed version check leaves
 * `inserted` empty, so no result row is written either and the caller sees a ConcurrencyError, as before.
 */
const commandAppendStatement = (names: EventStoreNames, expected: ExpectedVersion): string => `${eventsStatement(names, expected, '$12')},
  command AS (
    INSERT INTO ${names.commandResults} (command_id, stream_id, context, command_type, data_hash, result)
    SELECT $8::text, $1, $9::text, $10::text, $11::text, jsonb_build_object(
             'commandId', $8::text, 'streamId', $1::text, 'streamVersion', max(stream_version),
             'events', jsonb_agg(jsonb_build_object('eventId', event_id, 'type', type, 'globalPosition', global_position) ORDER BY stream_version))
    FROM inserted HAVING count(*) > 0)
  SELECT global_position, stream_version, recorded_at FROM inserted ORDER BY stream_version`;

interface InsertedRow {
  global_position: string;
  stream_version: number;
  recorded_at: Date;
}

const currentVersion = async (client: Queryable, names: EventStoreNames, streamId: string): Promise<number> => {
  const { rows } = await client.query<{ version: number }>(prepared(`SELECT version FROM ${names.streams} WHERE stream_id = $1`, [streamId]));
  return rows[0]?.version ?? 0;
};

const matches = (expected: ExpectedVersion, actual: number): boolean => expected === 'any' || (expected === 'noStream' ? actual === 0 : expected === actual);

const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;

/** The result the one-statement append records: what `commandHandler` builds from the recorded events. */
export const standardCommandResult = (commandId: string, streamId: string, recorded: readonly RecordedEvent[], streamVersion: number): CommandResult => ({
  commandId,
  streamId,
  streamVersion,
  events: recorded.map((e) => ({ eventId: e.eventId, type: e.type, globalPosition: e.globalPosition })),
});

/**
 * Whether the caller's result function records what the statement builds itself. It is tried on the events
 * about to be appended with stand-in positions; any other result (extra fields, another shape) takes the
 * transaction path, where the function sees the real positions before its row is written.
 */
const recordsStandardResult = (
  command: NonNullable<AppendOptions['command']>,
  commandId: string,
  streamId: string,
  columns: EventColumns,
  events: readonly NewEvent[],
  base: number,
): boolean => {
  const probe = events.map((event, i) => ({
    ...event,
    eventId: columns.eventIds[i]!,
    streamId,
    streamVersion: base + i + 1,
    globalPosition: (i + 1) * 7,
    recordedAt: new Date(0),
  }));
  return isDeepStrictEqual(command.result(probe), standardCommandResult(commandId, streamId, probe, base + events.length));
};

/** How `appendInTransaction` will run an append: one statement, or statements inside a transaction. */
export interface AppendPlan {
  /** True when the whole append is one statement, atomic on its own: it may be sent in autocommit. */
  readonly singleStatement: boolean;
  run(client: Queryable): Promise<AppendResult>;
}

/**
 * Validates an append and chooses its SQL. Without a command result, and with one in the standard shape, the
 * append is one statement (version check, events and result row), i.e. one round trip in autocommit. A
 * command that appends no events, or whose result function records something else, needs a transaction.
 */
export const planAppend = (names: EventStoreNames, streamId: string, events: readonly NewEvent[], options: AppendOptions): AppendPlan => {
  assertStreamId(streamId);
  const expected = assertExpectedVersion(options?.expectedVersion);
  if (Array.isArray(events) && events.length > MAX_EVENTS_PER_APPEND) {
    throw new AppendTooLargeError(streamId, events.length, MAX_EVENTS_PER_APPEND);
  }
  const columns = eventColumns(events);
  const command = options?.command;
  const key = command ? { commandId: assertCommandId(command.commandId), ...assertCommandKey(command) } : undefined;
  const base = typeof expected === 'number' ? expected : 0;
  const withResult =
    command !== undefined && key !== undefined && events.length > 0 && recordsStandardResult(command, key.commandId, streamId, columns, events, base);
  const singleStatement = events.length > 0 && (command === undefined || withResult);
  const input: AppendInput = { names, streamId, events, columns, expected };
  return {
    singleStatement,
    run: (client) => (singleStatement ? appendOneStatement(client, input, withResult ? key : undefined) : appendInSteps(client, input, options)),
  };
};

/** A validated append. */
interface AppendInput {
  readonly names: EventStoreNames;
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly columns: EventColumns;
  readonly expected: ExpectedVersion;
}

const appendOneStatement = async (client: Queryable, input: AppendInput, command: CommandKey | undefined): Promise<AppendResult> => {
  const { names, streamId, events, columns, expected } = input;
  const params: unknown[] = [streamId, events.length, columns.eventIds, columns.types, columns.schemaVersions, columns.data, columns.metadata];
  if (command !== undefined) params.push(command.commandId, command.context, command.type, command.dataHash);
  if (typeof expected === 'number' && expected > 0) params.push(expected);
  const text = command === undefined ? appendStatement(names, expected) : commandAppendStatement(names, expected);
  let rows: InsertedRow[];
  try {
    ({ rows } = await client.query<InsertedRow>(prepared(text, params)));
  } catch (error) {
    if (isUniqueViolation(error, 'events_stream_version')) throw new ConcurrencyError(streamId, String(expected), -1);
    if (isUniqueViolation(error, 'events_event_id_key')) throw new DuplicateEventIdError(streamId);
    if (isUniqueViolation(error, 'events_pkey')) throw new AppendPerTransactionError(streamId);
    if (command !== undefined && isUniqueViolation(error, 'command_results_pkey')) throw new DuplicateCommandError(command.commandId);
    throw error;
  }
  if (rows.length === 0) throw new ConcurrencyError(streamId, String(expected), await currentVersion(client, names, streamId));
  const recorded = rows.map((row, i) => ({
    ...events[i]!,
    eventId: columns.eventIds[i]!,
    streamId,
    streamVersion: row.stream_version,
    globalPosition: toPosition(row.global_position),
    recordedAt: row.recorded_at,
  }));
  return { streamId, streamVersion: rows.at(-1)!.stream_version, events: recorded };
};

/** The transaction path: a command that appends nothing, or one whose result is not the standard shape. */
const appendInSteps = async (client: Queryable, input: AppendInput, options: AppendOptions): Promise<AppendResult> => {
  const { names, streamId, events, expected } = input;
  let result: AppendResult;
  if (events.length === 0) {
    const streamVersion = await currentVersion(client, names, streamId);
    if (!matches(expected, streamVersion)) throw new ConcurrencyError(streamId, String(expected), streamVersion);
    result = { streamId, streamVersion, events: [] };
  } else {
    result = await appendOneStatement(client, input, undefined);
  }
  if (options.command) {
    const commandId = assertCommandId(options.command.commandId);
    const { context, type, dataHash } = assertCommandKey(options.command);
    const stored = toJsonColumn('command.result', options.command.result(result.events));
    const { rowCount } = await client.query(
      prepared(
        `INSERT INTO ${names.commandResults} (command_id, stream_id, context, command_type, data_hash, result) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (command_id) DO NOTHING`,
        [commandId, streamId, context, type, dataHash, stored],
      ),
    );
    if (rowCount === 0) throw new DuplicateCommandError(commandId);
  }
  return result;
};

/**
 * Appends inside the caller's open transaction, with exactly the SQL `PostgresEventStore.appendToStream`
 * uses. Once per transaction: positions are numbered from the transaction id. On any thrown error the caller
 * must roll back; nothing of the append is then visible. Sends no NOTIFY: after COMMIT, call
 * `store.notifyAppended()` to wake subscriptions at once (otherwise they see the events on their next poll).
 * When `planAppend(...).singleStatement` is true the append is one statement, so `client` may also be a pool.
 */
export const appendInTransaction = (
  client: Queryable,
  names: EventStoreNames,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> => {
  try {
    return planAppend(names, streamId, events, options).run(client);
  } catch (error) {
    return Promise.reject(error);
  }
};
