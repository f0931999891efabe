import {
  type AppendOptions,
  type AppendResult,
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
import { assertCommandId, assertCommandKey, assertExpectedVersion, assertStreamId, eventColumns, toJsonColumn } from './validation.js';

export type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * The streams row decides the version check, so a conflict is found by one indexed row, never by reading the
 * stream: an exact version is a conditional UPDATE (a concurrent writer's commit makes the WHERE fail), a new
 * stream is an INSERT that loses to any existing row, `any` is an upsert.
 */
const streamStatement = (streams: string, expected: ExpectedVersion): string => {
  if (expected === 'any') {
    return `INSERT INTO ${streams} AS s (stream_id, version) VALUES ($1, $2::int)
            ON CONFLICT (stream_id) DO UPDATE SET version = s.version + $2::int RETURNING version`;
  }
  if (expected === 'noStream' || expected === 0) {
    return `INSERT INTO ${streams} (stream_id, version) VALUES ($1, $2::int) ON CONFLICT (stream_id) DO NOTHING RETURNING version`;
  }
  return `UPDATE ${streams} SET version = version + $2::int WHERE stream_id = $1 AND version = $8::int RETURNING version`;
};

// One statement: version check and events. When the check fails no row reaches the INSERT. The wake-up NOTIFY
// is not part of it: the store sends it after COMMIT (ADR 0004), since a NOTIFY in the transaction serialises
// every appending commit.
const appendStatement = (names: EventStoreNames, expected: ExpectedVersion): string => `
  WITH stream AS (${streamStatement(names.streams, expected)}),
  inserted AS (
    INSERT INTO ${names.events}
      (global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, transaction_id)
    SELECT ${positionSql('e.ord - 1')}, $1, stream.version - $2::int + e.ord, e.event_id, e.type, e.schema_version, e.data, e.metadata,
           pg_current_xact_id()
    FROM stream, unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
         WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, ord)
    RETURNING global_position, stream_version, recorded_at)
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

const matches = (expected: ExpectedVersion, actual: number): boolean =>
  expected === 'any' || (expected === 'noStream' ? actual === 0 : expected === actual);

const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;

/**
 * Appends inside the caller's open transaction, with exactly the SQL `PostgresEventStore.appendToStream`
 * uses. Once per transaction: positions are numbered from the transaction id. On any thrown error the caller
 * must roll back; nothing of the append is then visible. Sends no NOTIFY: after COMMIT, call
 * `store.notifyAppended()` to wake subscriptions at once (otherwise they see the events on their next poll).
 * Without `options.command` the append is a single statement, so `client` may also be a pool (autocommit).
 */
export const appendInTransaction = async (
  client: Queryable,
  names: EventStoreNames,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendResult> => {
  assertStreamId(streamId);
  const expected = assertExpectedVersion(options?.expectedVersion);
  if (Array.isArray(events) && events.length > MAX_EVENTS_PER_APPEND) {
    throw new AppendTooLargeError(streamId, events.length, MAX_EVENTS_PER_APPEND);
  }
  const columns = eventColumns(events);

  let recorded: RecordedEvent[] = [];
  let streamVersion: number;
  if (events.length === 0) {
    streamVersion = await currentVersion(client, names, streamId);
    if (!matches(expected, streamVersion)) throw new ConcurrencyError(streamId, String(expected), streamVersion);
  } else {
    const params: unknown[] = [streamId, events.length, columns.eventIds, columns.types, columns.schemaVersions, columns.data, columns.metadata];
    if (typeof expected === 'number' && expected > 0) params.push(expected);
    let rows: InsertedRow[];
    try {
      ({ rows } = await client.query<InsertedRow>(prepared(appendStatement(names, expected), params)));
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version')) throw new ConcurrencyError(streamId, String(expected), -1);
      if (isUniqueViolation(error, 'events_event_id_key')) throw new DuplicateEventIdError(streamId);
      if (isUniqueViolation(error, 'events_pkey')) throw new AppendPerTransactionError(streamId);
      throw error;
    }
    if (rows.length === 0) throw new ConcurrencyError(streamId, String(expected), await currentVersion(client, names, streamId));
    recorded = rows.map((row, i) => ({ ...events[i]!, eventId: columns.eventIds[i]!, streamId, streamVersion: row.stream_version, globalPosition: toPosition(row.global_position), recordedAt: row.recorded_at }));
    streamVersion = rows.at(-1)!.stream_version;
  }

  if (options?.command) {
    const commandId = assertCommandId(options.command.commandId);
    const { context, type, dataHash } = assertCommandKey(options.command);
    const result = toJsonColumn('command.result', options.command.result(recorded));
    const { rowCount } = await client.query(
      prepared(
        `INSERT INTO ${names.commandResults} (command_id, stream_id, result, context, command_type, data_hash) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (command_id) DO NOTHING`,
        [commandId, streamId, result, context, type, dataHash],
      ),
    );
    if (rowCount === 0) throw new DuplicateCommandError(commandId);
  }
  return { streamId, streamVersion, events: recorded };
};
