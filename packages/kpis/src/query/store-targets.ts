import type pg from 'pg';
import { type KpiDimension, type StoreTargetMeasure } from '../dictionary/types.js';
import { PG_TRUNC } from './params.js';
import { type GroupRow, type Queryable, type Range, monthSpans } from './sql.js';

/**
 * After-sales store targets: one row per (store, month, measure), in the measure's unit (fen or a count), in
 * the read schema `queryKpis` reads. HQ loads them into its schema (`hq -- targets load`); a store's own read
 * schema has no such table, so at store scope these KPIs have no target (docs/hq.md, "Store targets").
 * `store_target_loads` holds a generation that every load moves in its own transaction: `queryKpis` puts it
 * into its cache key, so a load never leaves a cached answer with the old targets behind.
 */
export const STORE_TARGETS_TABLE = 'store_targets';
export const STORE_TARGET_LOADS_TABLE = 'store_target_loads';

export interface StoreTargetRow {
  readonly storeId: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly measure: StoreTargetMeasure;
  /** Fen for money measures, a count otherwise (integers). */
  readonly target: number;
}

/** Statements creating both tables (idempotent), to run in the schema owner's migration. */
export const storeTargetsDdl = (schema: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${schema}.${STORE_TARGETS_TABLE} (
     store_id text NOT NULL, month date NOT NULL, measure text NOT NULL, target bigint NOT NULL CHECK (target >= 0),
     loaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (store_id, month, measure))`,
  `CREATE TABLE IF NOT EXISTS ${schema}.${STORE_TARGET_LOADS_TABLE} (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), generation bigint NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`,
  `INSERT INTO ${schema}.${STORE_TARGET_LOADS_TABLE} (generation) VALUES (0) ON CONFLICT DO NOTHING`,
];

/**
 * Writes validated rows inside the caller's transaction: each (store, month) named replaces every measure that
 * (store, month) had (a reload states a month's targets in full), and the generation moves.
 */
export const replaceStoreTargets = async (client: pg.ClientBase, schema: string, rows: readonly StoreTargetRow[]): Promise<void> => {
  const json = JSON.stringify(rows.map((r) => ({ storeId: r.storeId, month: `${r.month}-01`, measure: r.measure, target: r.target })));
  await client.query(
    `DELETE FROM ${schema}.${STORE_TARGETS_TABLE} t
      USING (SELECT DISTINCT "storeId", month::date FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, month text)) r
      WHERE t.store_id = r."storeId" AND t.month = r.month`,
    [json],
  );
  await client.query(
    `INSERT INTO ${schema}.${STORE_TARGETS_TABLE} (store_id, month, measure, target)
     SELECT "storeId", month::date, measure, target FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, month text, measure text, target bigint)`,
    [json],
  );
  await client.query(`UPDATE ${schema}.${STORE_TARGET_LOADS_TABLE} SET generation = generation + 1, loaded_at = now()`);
};

// A read schema without store targets (every store's) stays without them: once the catalogue says the table is
// missing, `storeTargetsGeneration` answers null for this long without asking again, so a store's KPI reads pay no
// extra round trip. A schema known to have them is asked for the generation only (one single-row read).
export const ABSENT_RECHECK_MS = 5_000;
const known = new WeakMap<Queryable, Map<string, number | 'present'>>();

/**
 * The targets' generation in `schema`, or null when the schema has no store targets (a store's read schema).
 * Read before the targets themselves, so an answer cached under it is at least that new.
 */
export const storeTargetsGeneration = async (db: Queryable, schema: string, now: () => number = Date.now): Promise<string | null> => {
  const schemas = known.get(db) ?? new Map<string, number | 'present'>();
  known.set(db, schemas);
  const state = schemas.get(schema);
  if (typeof state === 'number' && state > now()) return null;
  if (state !== 'present') {
    const { rows } = await db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS present', [
      `${schema}.${STORE_TARGETS_TABLE}`,
      `${schema}.${STORE_TARGET_LOADS_TABLE}`,
    ]);
    if (!rows[0]?.present) {
      schemas.set(schema, now() + ABSENT_RECHECK_MS);
      return null;
    }
    schemas.set(schema, 'present');
  }
  try {
    const { rows } = await db.query<{ generation: string }>(`SELECT generation::text AS generation FROM ${schema}.${STORE_TARGET_LOADS_TABLE}`);
    return rows[0]?.generation ?? '0';
  } catch (error) {
    // Dropped since (an old HQ schema after a rebuild): none here now.
    if (!['42P01', '3F000'].includes((error as { code?: string }).code ?? '')) throw error;
    schemas.set(schema, now() + ABSENT_RECHECK_MS);
    return null;
  }
};

/**
 * Store targets per period, prorated by day like the sales targets (each month contributes target × days of
 * the period inside the month and the range ÷ days in the month), summed over the queried stores unless broken
 * down by store. `by` may only hold `store`: the targets exist per store.
 */
export const sumStoreTargets = async (
  db: Queryable,
  readSchema: string,
  by: readonly KpiDimension[],
  range: Range,
  measures: readonly StoreTargetMeasure[],
): Promise<GroupRow[]> => {
  if (by.some((d) => d !== 'store')) throw new RangeError(`store targets exist per store only, not per ${by.join(', ')}`);
  if (measures.length === 0) return [];
  const byStore = by.includes('store');
  const { rows } = await db.query<{ period: string; store_id: string | null; measure: string; target: string }>(
    `WITH ${monthSpans(PG_TRUNC[range.granularity])}
     SELECT s.period, ${byStore ? 't.store_id' : 'NULL::text AS store_id'}, t.measure, sum(t.target::numeric * s.days / s.month_days)::text AS target
       FROM spans s JOIN ${readSchema}.${STORE_TARGETS_TABLE} t ON t.month = s.month
      WHERE t.store_id = ANY($1::text[]) AND t.measure = ANY($4::text[])
      GROUP BY 1, 2, 3`,
    [range.storeIds, range.from, range.to, measures],
  );
  const points = new Map<string, { period: string; dims: Partial<Record<KpiDimension, string>>; sums: Record<string, number | null> }>();
  for (const row of rows) {
    const key = `${row.period}\u0000${row.store_id ?? ''}`;
    const point = points.get(key) ?? { period: row.period, dims: byStore ? { store: row.store_id ?? '' } : {}, sums: {} };
    point.sums[row.measure] = Number(row.target);
    points.set(key, point);
  }
  return [...points.values()];
};
