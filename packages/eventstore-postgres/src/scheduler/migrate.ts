import type pg from 'pg';
import { DEFAULT_SCHEDULER_SCHEMA, type SchedulerNames, schedulerNames } from './schema.js';

interface Migration {
  readonly version: number;
  readonly sql: (names: SchedulerNames) => string;
}

// Published migrations are never edited; a change is a new version appended here.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: ({ table }) => `
      CREATE TABLE ${table} (
        schedule_id     text PRIMARY KEY,
        due_at          timestamptz NOT NULL,
        command         jsonb NOT NULL,
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'cancelled', 'failed')),
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        next_attempt_at timestamptz NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz
      );
      -- "Due now" is a range scan over pending rows only; sent history does not slow the dispatcher down.
      CREATE INDEX scheduled_commands_due ON ${table} (next_attempt_at, schedule_id) WHERE status = 'pending';`,
  },
];

export const SCHEDULER_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Creates or upgrades the scheduler tables in `schema`. Idempotent and safe to run from several processes at
 * once: a transaction-scoped advisory lock per schema serialises them, and each version is recorded once.
 * Returns the versions this call applied.
 */
export const migrateScheduler = async (pool: pg.Pool, schema: string = DEFAULT_SCHEDULER_SCHEMA): Promise<number[]> => {
  const names = schedulerNames(schema);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`rooftop.scheduler.migrate.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${names.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${names.migrations}`);
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql(names));
      await client.query(`INSERT INTO ${names.migrations} (version) VALUES ($1)`, [migration.version]);
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
