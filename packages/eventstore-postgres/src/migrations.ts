import type pg from 'pg';
import { DEFAULT_EVENT_STORE_SCHEMA, type EventStoreNames, eventStoreNames } from './names.js';

export interface EventStoreMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: (names: EventStoreNames) => string;
}

// Published migrations are never edited; a change is a new version appended here.
export const migrations: readonly EventStoreMigration[] = [
  {
    version: 1,
    name: 'events, streams and command results',
    sql: ({ events, streams, commandResults }) => `
      CREATE TABLE ${events} (
        -- transaction id << 16 | index in the append: ordered like transaction ids, see docs/eventstore.md.
        global_position bigint PRIMARY KEY,
        stream_id       text NOT NULL,
        stream_version  integer NOT NULL CHECK (stream_version > 0),
        event_id        uuid NOT NULL UNIQUE,
        type            text NOT NULL,
        schema_version  integer NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        -- The streams row decides conflicts; this index is the last line of defence if that logic is bypassed.
        CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
      );
      CREATE TABLE ${streams} (
        stream_id text PRIMARY KEY,
        version   integer NOT NULL CHECK (version >= 0)
      );
      CREATE TABLE ${commandResults} (
        command_id  text PRIMARY KEY,
        stream_id   text NOT NULL,
        result      jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 2,
    name: 'command results keyed by context, command type and data hash',
    // Nullable and not backfilled, so the upgrade rewrites no row: an old row's context is read from its
    // stream id (`<context>-<aggregate>-<id>`) and its type and data are unknown (docs/adr/0021).
    sql: ({ commandResults }) => `
      ALTER TABLE ${commandResults}
        ADD COLUMN context      text,
        ADD COLUMN command_type text,
        ADD COLUMN data_hash    text;`,
  },
];

export const EVENT_STORE_SCHEMA_VERSION = migrations.at(-1)!.version;

/**
 * Creates or upgrades the event store tables in `schema`. Idempotent and safe to run from several processes
 * at once: a transaction-scoped advisory lock per schema serialises them, each version is recorded once, and
 * a failing migration rolls back whole. Returns the versions this call applied.
 */
export const migrateEventStore = async (pool: pg.Pool, schema: string = DEFAULT_EVENT_STORE_SCHEMA): Promise<number[]> => {
  const names = eventStoreNames(schema);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rooftop.eventstore.migrate.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${names.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${names.migrations}`);
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql(names));
      await client.query(`INSERT INTO ${names.migrations} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
};
