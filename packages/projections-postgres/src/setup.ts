import type pg from 'pg';
import { INIT_LOCK_KEY, insertCheckpoint, lockCheckpoint, migrateProjections, readCheckpoint, writeCheckpoint } from './checkpoints.js';
import { type PgProjection } from './context.js';
import { UnknownProjectionError } from './errors.js';
import { lagSource } from './metrics.js';
import { inTransaction, type Runtime } from './runtime.js';
import { createTableSet, repointViews } from './table-sets.js';

/**
 * Creates the runner's tables and, for each projection seen for the first time, generation 1 with its read
 * views and a checkpoint at 0 — all in one transaction, so a crash here leaves nothing half made.
 */
export const initialiseProjections = async (runtime: Runtime, projections: readonly PgProjection[]): Promise<void> => {
  await inTransaction(runtime.pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${INIT_LOCK_KEY})`);
    await migrateProjections(client);
    for (const projection of projections) {
      const existing = await readCheckpoint(client, projection.name);
      if (existing) continue;
      const schema = await createTableSet(client, projection, 1);
      await client.query('SET LOCAL search_path TO DEFAULT');
      await repointViews(client, projection.name, runtime.readSchema, undefined, schema);
      await insertCheckpoint(client, projection.name, projection.version, 1);
    }
  });
  const rows = await Promise.all(projections.map((projection) => readCheckpoint(runtime.pool, projection.name)));
  for (const row of rows) {
    if (!row) continue;
    runtime.metrics.track(row.name, lagSource(runtime.store));
    runtime.metrics.position(row.name, row.position);
  }
};

export const resumeProjection = async (pool: pg.Pool, name: string): Promise<void> => {
  await inTransaction(pool, async (client) => {
    const row = await lockCheckpoint(client, name);
    if (!row) throw new UnknownProjectionError(name);
    if (row.status === 'stopped') await writeCheckpoint(client, name, { status: 'running' });
  });
};
