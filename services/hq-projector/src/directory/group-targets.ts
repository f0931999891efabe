import { parseWith } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { replaceStoreTargets, STORE_TARGET_MEASURES, STORE_TARGET_UNITS, STORE_TARGETS_TABLE, type StoreTargetMeasure, storeTargetsDdl } from '@rooftop/kpis';
import type pg from 'pg';
import { z } from 'zod';
import { storesTable } from './store-directory.js';

type Queryable = Pick<pg.Pool, 'query'>;

/**
 * The group's own monthly plan per store (what HQ expects of each store), loaded by HQ. It is not the
 * store's SalesTargetSet (those arrive as events and feed the KPI targets exactly as at the store).
 */
const storeId = z.string().min(1).max(64);
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const money = z.strictObject({ amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), currency: z.literal('CNY') });

export const groupTargetSchema = z.strictObject({
  storeId,
  month: monthSchema,
  units: z.number().int().min(0).max(1_000_000),
  revenue: money.optional(),
});

export type GroupTarget = z.output<typeof groupTargetSchema>;

type Measures = [StoreTargetMeasure, ...StoreTargetMeasure[]];
const measuresIn = (unit: 'fen' | 'count') => STORE_TARGET_MEASURES.filter((m) => STORE_TARGET_UNITS[m] === unit) as Measures;

/**
 * One after-sales store target (issue 8): a KPI target per (store, month, measure), in fen with its currency
 * for money measures, a whole number for counts. `queryKpis` compares the KPI of the measure with it.
 */
export const storeTargetSchema = z.discriminatedUnion('measure', [
  z.strictObject({ storeId, month: monthSchema, measure: z.enum(measuresIn('fen')), target: money }),
  z.strictObject({ storeId, month: monthSchema, measure: z.enum(measuresIn('count')), target: z.number().int().min(0).max(1_000_000) }),
]);

export type StoreTarget = z.output<typeof storeTargetSchema>;
export type StoreTargetInput = z.input<typeof storeTargetSchema>;

const isStoreTarget = (row: GroupTarget | StoreTarget): row is StoreTarget => 'measure' in row;

/** A targets file: group plan rows (`units`, `revenue`) and store target rows (`measure`, `target`), mixed freely. */
export const groupTargetsSchema = z
  .array(z.union([groupTargetSchema, storeTargetSchema]))
  .min(1)
  .max(100_000)
  .refine(
    (rows) => new Set(rows.filter((r) => !isStoreTarget(r)).map((r) => `${r.storeId}/${r.month}`)).size === rows.filter((r) => !isStoreTarget(r)).length,
    {
      message: 'a (store, month) is listed twice',
    },
  )
  .refine((rows) => new Set(rows.filter(isStoreTarget).map((r) => `${r.storeId}/${r.month}/${r.measure}`)).size === rows.filter(isStoreTarget).length, {
    message: 'a (store, month, measure) is listed twice',
  });

export const groupTargetsTable = (schema: string): string => `${schema}.group_targets`;

/** Group plan and store targets (the latter in the table `queryKpis` reads, with the directory as its key). */
export const groupTargetsDdl = (schema: string): string =>
  [
    `CREATE TABLE IF NOT EXISTS ${groupTargetsTable(schema)} (
  store_id text NOT NULL REFERENCES ${storesTable(schema)} (store_id), month date NOT NULL, units int NOT NULL,
  revenue_fen bigint, loaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (store_id, month))`,
    ...storeTargetsDdl(schema),
  ].join(';\n');

/**
 * Loads targets (all rows or none). Validated first; a store the directory does not hold is a typed
 * ValidationError naming each such row. A later load of the same (store, month) replaces the group plan of
 * it, and every store target of it (a file states a month's store targets in full; a measure it omits for
 * that (store, month) is removed). Returns the number of rows loaded.
 */
export const loadGroupTargets = async (pool: pg.Pool, schema: string, input: unknown): Promise<number> => {
  const rows = parseWith(groupTargetsSchema, input, 'group targets');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: known } = await client.query<{ store_id: string }>(`SELECT store_id FROM ${storesTable(schema)} WHERE store_id = ANY($1::text[])`, [
      [...new Set(rows.map((r) => r.storeId))],
    ]);
    const stores = new Set(known.map((r) => r.store_id));
    const unknown = rows.map((r, i) => ({ r, i })).filter(({ r }) => !stores.has(r.storeId));
    if (unknown.length > 0) {
      throw new ValidationError(
        `group targets name stores not in the directory: ${[...new Set(unknown.map(({ r }) => r.storeId))].join(', ')}`,
        unknown.map(({ r, i }) => ({ path: `${i}.storeId`, message: `${r.storeId} is not in the store directory` })),
      );
    }
    const plan = rows.filter((r): r is GroupTarget => !isStoreTarget(r));
    const storeTargets = rows.filter(isStoreTarget);
    if (plan.length > 0) {
      await client.query(
        `INSERT INTO ${groupTargetsTable(schema)} (store_id, month, units, revenue_fen)
         SELECT "storeId", (month || '-01')::date, units, "revenueFen" FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, month text, units int, "revenueFen" bigint)
         ON CONFLICT (store_id, month) DO UPDATE SET units = EXCLUDED.units, revenue_fen = EXCLUDED.revenue_fen, loaded_at = now()`,
        [JSON.stringify(plan.map((r) => ({ storeId: r.storeId, month: r.month, units: r.units, revenueFen: r.revenue?.amount ?? null })))],
      );
    }
    if (storeTargets.length > 0) {
      await replaceStoreTargets(
        client,
        schema,
        storeTargets.map((r) => ({
          storeId: r.storeId,
          month: r.month,
          measure: r.measure,
          target: typeof r.target === 'number' ? r.target : r.target.amount,
        })),
      );
    }
    await client.query('COMMIT');
    return rows.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

export const readGroupTargets = async (db: Queryable, schema: string, storeIds: readonly string[]): Promise<GroupTarget[]> => {
  const { rows } = await db.query<{ store_id: string; month: string; units: number; revenue_fen: string | null }>(
    `SELECT store_id, to_char(month, 'YYYY-MM') AS month, units, revenue_fen FROM ${groupTargetsTable(schema)} WHERE store_id = ANY($1::text[]) ORDER BY store_id, month`,
    [storeIds],
  );
  return rows.map((r) => ({
    storeId: r.store_id,
    month: r.month,
    units: r.units,
    ...(r.revenue_fen !== null ? { revenue: { amount: Number(r.revenue_fen), currency: 'CNY' as const } } : {}),
  }));
};

/** The store targets of `storeIds`, in the loader's input form (money in fen with its currency). */
export const readStoreTargets = async (db: Queryable, schema: string, storeIds: readonly string[]): Promise<StoreTarget[]> => {
  const { rows } = await db.query<{ store_id: string; month: string; measure: StoreTargetMeasure; target: string }>(
    `SELECT store_id, to_char(month, 'YYYY-MM') AS month, measure, target::text AS target FROM ${schema}.${STORE_TARGETS_TABLE}
      WHERE store_id = ANY($1::text[]) ORDER BY store_id, month, measure`,
    [storeIds],
  );
  return rows.map((r) =>
    parseWith(
      storeTargetSchema,
      {
        storeId: r.store_id,
        month: r.month,
        measure: r.measure,
        target: STORE_TARGET_UNITS[r.measure] === 'fen' ? { amount: Number(r.target), currency: 'CNY' } : Number(r.target),
      },
      'store target',
    ),
  );
};
