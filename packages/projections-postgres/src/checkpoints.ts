import type pg from 'pg';

export type CheckpointStatus = 'running' | 'stopped';

export interface Checkpoint {
  readonly name: string;
  readonly position: number;
  readonly version: number;
  readonly generation: number;
  readonly status: CheckpointStatus;
  readonly updatedAt: Date;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Serialises concurrent runners' first start: CREATE SCHEMA IF NOT EXISTS is not safe against itself. */
export const INIT_LOCK_KEY = "hashtext('rooftop.projections.init')";

export const migrateProjections = async (client: Queryable): Promise<void> => {
  await client.query(`
    CREATE SCHEMA IF NOT EXISTS projections;
    CREATE TABLE IF NOT EXISTS projections.checkpoints (
      name text PRIMARY KEY,
      position bigint NOT NULL DEFAULT 0,
      version integer NOT NULL,
      generation integer NOT NULL,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped')),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS projections.dead_letters (
      projection text NOT NULL,
      global_position bigint NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      error text NOT NULL,
      data jsonb,
      metadata jsonb,
      parked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (projection, global_position)
    );`);
};

interface CheckpointRow {
  name: string;
  position: string;
  version: number;
  generation: number;
  status: CheckpointStatus;
  updated_at: Date;
}

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  name: row.name,
  position: Number(row.position),
  version: row.version,
  generation: row.generation,
  status: row.status,
  updatedAt: row.updated_at,
});

const SELECT = 'SELECT name, position, version, generation, status, updated_at FROM projections.checkpoints';

export const readCheckpoint = async (client: Queryable, name: string): Promise<Checkpoint | undefined> => {
  const { rows } = await client.query<CheckpointRow>(`${SELECT} WHERE name = $1`, [name]);
  return rows[0] && toCheckpoint(rows[0]);
};

/** Locks the row for the rest of the transaction: a batch, a swap and a resume never interleave. */
export const lockCheckpoint = async (client: Queryable, name: string): Promise<Checkpoint | undefined> => {
  const { rows } = await client.query<CheckpointRow>(`${SELECT} WHERE name = $1 FOR UPDATE`, [name]);
  return rows[0] && toCheckpoint(rows[0]);
};

export const readAllCheckpoints = async (client: Queryable): Promise<Checkpoint[]> => {
  const { rows } = await client.query<CheckpointRow>(`${SELECT} ORDER BY name`);
  return rows.map(toCheckpoint);
};

export const insertCheckpoint = async (client: Queryable, name: string, version: number, generation: number): Promise<void> => {
  await client.query('INSERT INTO projections.checkpoints (name, position, version, generation) VALUES ($1, 0, $2, $3)', [name, version, generation]);
};

export const writeCheckpoint = async (
  client: Queryable,
  name: string,
  change: { position?: number; status?: CheckpointStatus; version?: number; generation?: number },
): Promise<void> => {
  await client.query(
    `UPDATE projections.checkpoints
        SET position = COALESCE($2, position), status = COALESCE($3, status),
            version = COALESCE($4, version), generation = COALESCE($5, generation), updated_at = now()
      WHERE name = $1`,
    [name, change.position ?? null, change.status ?? null, change.version ?? null, change.generation ?? null],
  );
};

export const countDeadLetters = async (client: Queryable): Promise<Map<string, number>> => {
  const { rows } = await client.query<{ projection: string; count: string }>(
    'SELECT projection, count(*) AS count FROM projections.dead_letters GROUP BY projection',
  );
  return new Map(rows.map((row) => [row.projection, Number(row.count)]));
};
