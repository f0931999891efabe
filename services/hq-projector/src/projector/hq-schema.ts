import { RooftopError } from '@rooftop/eventsourcing';
import { type PgProjection } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { groupTargetsDdl } from '../directory/group-targets.js';
import { storeDirectoryDdl } from '../directory/store-directory.js';

/**
 * The projections differ from the ones this schema was built with (a version changed, or a projection was
 * added after events were applied; `built: 0`): replay into a new schema.
 */
export class ProjectionVersionError extends RooftopError {
  constructor(
    readonly schema: string,
    readonly changed: ReadonlyArray<{ projection: string; built: number; current: number }>,
  ) {
    super(
      'HQ_PROJECTION_VERSION_CHANGED',
      `HQ schema ${schema} was built with other projection versions (${changed.map((c) => `${c.projection} v${c.built} → v${c.current}`).join(', ')}): rebuild into a new HQ_SCHEMA`,
      { schema, changed },
    );
  }
}

/**
 * How the projector decides what to apply is versioned like a projection: a schema built under another rule
 * (v0: a position high-water mark per store, which dropped an event stored behind later ones) is rebuilt.
 */
const APPLY_GUARD = { name: 'hq.apply-guard', version: 1 } as const;

// Any constant distinct from the other advisory locks of the platform; held only while migrating.
const MIGRATION_LOCK = 0x48_51_50_4a; // "HQPJ"

/**
 * Creates the HQ schema in one transaction: store directory, group targets, the projector's checkpoint (the
 * last GROUP_EVENTS sequence applied) and applied position per store, and every KPI projection's tables
 * (their `setup`, unqualified names, run with search_path = the schema, as a store's runner does).
 */
export const migrateHqSchema = async (pool: pg.Pool, schema: string, projections: readonly PgProjection[]): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(storeDirectoryDdl(schema));
    await client.query(groupTargetsDdl(schema));
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.projector_checkpoint (
      durable text PRIMARY KEY, stream_seq bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    // Per store: the position applied up to (in log order, nothing before it missing) and counters (held: waiting).
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.store_positions (
      store_id text PRIMARY KEY, position bigint NOT NULL, events bigint NOT NULL, skipped bigint NOT NULL DEFAULT 0,
      dead_lettered bigint NOT NULL DEFAULT 0, held bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now())`);
    // Events that reached HQ before the event preceding them in their store's log (log-order.ts), until it comes.
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.held_events (
      store_id text NOT NULL, position bigint NOT NULL, previous_position bigint NOT NULL, seq bigint NOT NULL,
      dead_lettered boolean NOT NULL, event jsonb, held_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (store_id, position))`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.projection_versions (projection text PRIMARY KEY, version int NOT NULL)`);
    const { rows } = await client.query<{ projection: string; version: number }>(`SELECT projection, version FROM ${schema}.projection_versions`);
    const built = new Map(rows.map((r) => [r.projection, r.version]));
    // A projection new to a schema that has applied events would start mid-stream: it needs the replay too.
    const { rows: applied } = await client.query(`SELECT 1 FROM ${schema}.projector_checkpoint WHERE stream_seq > 0 LIMIT 1`);
    const versioned = [...projections, APPLY_GUARD];
    const changed = versioned
      .filter((p) => (built.has(p.name) ? built.get(p.name) !== p.version : applied.length > 0))
      .map((p) => ({ projection: p.name, built: built.get(p.name) ?? 0, current: p.version }));
    if (changed.length > 0) throw new ProjectionVersionError(schema, changed);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    for (const projection of projections) await projection.setup({ client, schema });
    for (const { name, version } of versioned) {
      await client.query(`INSERT INTO ${schema}.projection_versions (projection, version) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [name, version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

export const readCheckpoint = async (db: Pick<pg.Pool, 'query'>, schema: string, durable: string): Promise<number> => {
  const { rows } = await db.query<{ stream_seq: string }>(`SELECT stream_seq FROM ${schema}.projector_checkpoint WHERE durable = $1`, [durable]);
  return rows[0] ? Number(rows[0].stream_seq) : 0;
};
