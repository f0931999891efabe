import type pg from 'pg';

// One lock id for this migration: concurrent `CREATE ... IF NOT EXISTS` can still collide in the catalog.
const MIGRATION_LOCK = 0x52_45_4c_41; // "RELA"

/** Creates `messaging.relay_checkpoints` if missing; safe to run from many processes at once. */
export const migrateRelayCheckpoints = async (pool: pg.Pool): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS messaging');
    await client.query(`CREATE TABLE IF NOT EXISTS messaging.relay_checkpoints (
      name text PRIMARY KEY,
      position bigint NOT NULL CHECK (position >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

export const loadRelayCheckpoint = async (pool: pg.Pool, name: string): Promise<number> => {
  const { rows } = await pool.query<{ position: string }>('SELECT position FROM messaging.relay_checkpoints WHERE name = $1', [name]);
  return rows[0] ? Number(rows[0].position) : 0;
};

/** Never moves a checkpoint backwards, so a stale relay instance cannot undo a newer one's progress. */
export const saveRelayCheckpoint = async (pool: pg.Pool, name: string, position: number): Promise<void> => {
  await pool.query(
    `INSERT INTO messaging.relay_checkpoints (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = GREATEST(messaging.relay_checkpoints.position, EXCLUDED.position), updated_at = now()`,
    [name, position],
  );
};
