import { RooftopError } from '@rooftop/eventsourcing';
import { type EventStoreNames, eventStoreNames, migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import type pg from 'pg';
import { type LogCommand } from './hash.js';
import { type LogEntry, type LogSource } from './log-file.js';
import { logEventsOf } from './store-log.js';

const BATCH = 1_000;

/**
 * Waits until every stored event is below the readers' bound (no transaction that began before the last
 * append is still open anywhere on the cluster), so the export is the whole log. The store's writers must be
 * stopped: with appends going on, "the whole log" has no end.
 */
const untilAllReadable = async (pool: pg.Pool, names: EventStoreNames, store: PostgresEventStore, timeoutMs = 60_000): Promise<void> => {
  const { rows } = await pool.query<{ max: string | null }>(`SELECT max(global_position)::text AS max FROM ${names.events}`);
  const last = Number(rows[0]!.max ?? 0);
  for (const deadline = Date.now() + timeoutMs; (await store.headPosition()) < last; await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > deadline)
      throw new MigrationTargetError(
        `events up to ${last} are stored but not yet readable after ${timeoutMs} ms: a transaction on the cluster is still open (stop the store's writers, end long transactions)`,
      );
  }
};

/** A PostgreSQL store as a migration source: its events through the port, its command results from their table. */
export const postgresLogSource = (pool: pg.Pool, schema?: string): LogSource => {
  const names = eventStoreNames(schema);
  const store = new PostgresEventStore({ pool, schema: names.schema });
  return {
    async *events() {
      await untilAllReadable(pool, names, store);
      yield* logEventsOf(store, BATCH);
    },
    async *commands(): AsyncGenerator<LogCommand> {
      let after = '';
      for (;;) {
        const { rows } = await pool.query<{
          command_id: string;
          stream_id: string;
          context: string;
          command_type: string | null;
          data_hash: string | null;
          result: LogCommand['result'];
        }>(
          // A row from before schema version 2 has no context: its stream id begins with it (as findCommand reads it).
          `SELECT command_id, stream_id, coalesce(context, split_part(stream_id, '-', 1)) AS context, command_type, data_hash, result
           FROM ${names.commandResults} WHERE command_id > $1 ORDER BY command_id LIMIT ${BATCH}`,
          [after],
        );
        for (const row of rows) {
          yield {
            commandId: row.command_id,
            streamId: row.stream_id,
            context: row.context,
            type: row.command_type,
            dataHash: row.data_hash,
            result: row.result,
          };
        }
        if (rows.length < BATCH) return;
        after = rows.at(-1)!.command_id;
      }
    },
  };
};

export class MigrationTargetError extends RooftopError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('VALIDATION_FAILED', message, details);
  }
}

const POSITION_SHIFT = 65_536;

/**
 * Burns transaction ids until the cluster's next one is above every imported position's, so that events
 * appended after the import get positions above the imported ones (positions are `xid << 16 | index`,
 * docs/eventstore.md). Each autocommit `pg_current_xact_id()` takes one id.
 */
const advanceTransactionIds = async (pool: pg.Pool, maxPosition: number, limit: number): Promise<number> => {
  const needed = BigInt(Math.floor(maxPosition / POSITION_SHIFT) + 1);
  const { rows } = await pool.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  const current = BigInt(rows[0]!.xid);
  const missing = needed - current;
  if (missing <= 0n) return 0;
  if (missing > BigInt(limit)) {
    throw new MigrationTargetError(
      `the imported positions need transaction id ${needed}, the cluster is at ${current}: ${missing} ids to burn (over the limit of ${limit})`,
      {
        needed: needed.toString(),
        current: current.toString(),
      },
    );
  }
  for (let i = 0n; i < missing; i++) await pool.query('SELECT pg_current_xact_id()');
  return Number(missing);
};

const insertEvents = async (client: pg.PoolClient, names: EventStoreNames, batch: Extract<LogEntry, { kind: 'event' }>['event'][]) => {
  await client.query(
    `INSERT INTO ${names.events} (global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, transaction_id)
     SELECT p, s, v, e, t, sv, d, m, r, (p >> 16)::text::xid8
       FROM unnest($1::bigint[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::timestamptz[]) AS x(p, s, v, e, t, sv, d, m, r)`,
    [
      batch.map((e) => e.globalPosition),
      batch.map((e) => e.streamId),
      batch.map((e) => e.streamVersion),
      batch.map((e) => e.eventId),
      batch.map((e) => e.type),
      batch.map((e) => e.schemaVersion),
      batch.map((e) => JSON.stringify(e.data)),
      batch.map((e) => JSON.stringify(e.metadata)),
      batch.map((e) => e.recordedAt),
    ],
  );
};

export interface PostgresImport {
  readonly events: number;
  readonly commands: number;
  /** Transaction ids burnt so later appends number above the imported events. */
  readonly burntTransactionIds: number;
}

/**
 * Imports a checked log into an empty PostgreSQL store (migrated here if need be), positions unchanged, in one
 * transaction: a file that fails its checks half-way leaves the store as it was.
 */
export const importIntoPostgres = async (
  pool: pg.Pool,
  entries: AsyncIterable<LogEntry>,
  options: { schema?: string; maxTransactionIdsToBurn?: number } = {},
): Promise<PostgresImport> => {
  const names = eventStoreNames(options.schema);
  await migrateEventStore(pool, names.schema);
  const client = await pool.connect();
  let events = 0;
  let commands = 0;
  let maxPosition = 0;
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${names.events}, ${names.streams}, ${names.commandResults} IN EXCLUSIVE MODE`);
    const { rows } = await client.query(`SELECT (SELECT count(*) FROM ${names.events})::int + (SELECT count(*) FROM ${names.commandResults})::int AS n`);
    if ((rows[0] as { n: number }).n > 0) throw new MigrationTargetError(`the PostgreSQL store ${names.schema} is not empty; import only into a new store`);
    let batch: Extract<LogEntry, { kind: 'event' }>['event'][] = [];
    for await (const entry of entries) {
      if (entry.kind === 'event') {
        batch.push(entry.event);
        maxPosition = entry.event.globalPosition;
        events++;
        if (batch.length === BATCH) {
          await insertEvents(client, names, batch);
          batch = [];
        }
      } else {
        if (batch.length > 0) await insertEvents(client, names, batch);
        batch = [];
        const { commandId, streamId, context, type, dataHash, result } = entry.command;
        await client.query(
          `INSERT INTO ${names.commandResults} (command_id, stream_id, context, command_type, data_hash, result) VALUES ($1, $2, $3, $4, $5, $6)`,
          [commandId, streamId, context, type, dataHash, JSON.stringify(result)],
        );
        commands++;
      }
    }
    if (batch.length > 0) await insertEvents(client, names, batch);
    await client.query(`INSERT INTO ${names.streams} (stream_id, version) SELECT stream_id, max(stream_version) FROM ${names.events} GROUP BY stream_id`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const burntTransactionIds = await advanceTransactionIds(pool, maxPosition, options.maxTransactionIdsToBurn ?? 10_000_000);
  return { events, commands, burntTransactionIds };
};
