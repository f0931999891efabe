import { parseWith } from '@rooftop/contracts';
import { RooftopError } from '@rooftop/eventsourcing';
import { isTimeZone } from '@rooftop/platform';
import type pg from 'pg';
import { z } from 'zod';

type Queryable = Pick<pg.Pool, 'query'>;

const id = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
  .max(64);

/** One store of the group as HQ knows it. `jsDomain` is its NATS JetStream domain (default: the store id). */
export const storeEntrySchema = z.strictObject({
  storeId: id,
  name: z.string().min(1).max(200),
  brands: z.array(z.string().min(1).max(100)).min(1).max(20),
  region: z.string().min(1).max(100),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  jsDomain: id.optional(),
});

export type StoreEntry = z.output<typeof storeEntrySchema>;

export const storeDirectorySchema = z
  .array(storeEntrySchema)
  .min(1)
  .max(1000)
  .refine((stores) => new Set(stores.map((s) => s.storeId)).size === stores.length, { message: 'a store id is listed twice' });

/** A store's business dates would move: its zone is part of the projection (a change means a replay into a new schema). */
export class TimeZoneChangeError extends RooftopError {
  constructor(readonly changes: ReadonlyArray<{ storeId: string; from: string; to: string }>) {
    super(
      'STORE_TIME_ZONE_CHANGED',
      `time zone of ${changes.map((c) => `${c.storeId} (${c.from} → ${c.to})`).join(', ')} cannot change in place: rebuild HQ into a new schema`,
      { changes },
    );
  }
}

export const storesTable = (schema: string): string => `${schema}.stores`;

export const storeDirectoryDdl = (schema: string): string => `CREATE TABLE IF NOT EXISTS ${storesTable(schema)} (
  store_id text PRIMARY KEY, name text NOT NULL, brands text[] NOT NULL, region text NOT NULL, time_zone text NOT NULL,
  js_domain text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;

export const readStoreDirectory = async (db: Queryable, schema: string): Promise<StoreEntry[]> => {
  const { rows } = await db.query<{ store_id: string; name: string; brands: string[]; region: string; time_zone: string; js_domain: string }>(
    `SELECT store_id, name, brands, region, time_zone, js_domain FROM ${storesTable(schema)} ORDER BY store_id`,
  );
  return rows.map((r) => ({ storeId: r.store_id, name: r.name, brands: r.brands, region: r.region, timeZone: r.time_zone, jsDomain: r.js_domain }));
};

/**
 * Adds or updates stores (one transaction: all or nothing). Input is validated first (typed ValidationError);
 * a changed time zone of a known store is refused (TimeZoneChangeError).
 */
export const upsertStores = async (pool: pg.Pool, schema: string, input: unknown): Promise<StoreEntry[]> => {
  const stores = parseWith(storeDirectorySchema, input, 'store directory');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ store_id: string; time_zone: string }>(
      `SELECT store_id, time_zone FROM ${storesTable(schema)} WHERE store_id = ANY($1::text[]) FOR UPDATE`,
      [stores.map((s) => s.storeId)],
    );
    const zones = new Map(rows.map((r) => [r.store_id, r.time_zone]));
    const changes = stores
      .filter((s) => zones.has(s.storeId) && zones.get(s.storeId) !== s.timeZone)
      .map((s) => ({ storeId: s.storeId, from: zones.get(s.storeId)!, to: s.timeZone }));
    if (changes.length > 0) throw new TimeZoneChangeError(changes);
    await client.query(
      `INSERT INTO ${storesTable(schema)} (store_id, name, brands, region, time_zone, js_domain)
       SELECT "storeId", name, ARRAY(SELECT jsonb_array_elements_text(brands)), region, "timeZone", "jsDomain"
         FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, name text, brands jsonb, region text, "timeZone" text, "jsDomain" text)
       ON CONFLICT (store_id) DO UPDATE SET name = EXCLUDED.name, brands = EXCLUDED.brands, region = EXCLUDED.region,
         js_domain = EXCLUDED.js_domain, updated_at = now()`,
      [JSON.stringify(stores.map((s) => ({ ...s, jsDomain: s.jsDomain ?? s.storeId })))],
    );
    await client.query('COMMIT');
    return stores;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** Raised when an event names a store the directory does not hold: HQ cannot date it without the store's zone. */
export class UnknownStoreError extends RooftopError {
  constructor(readonly storeIds: readonly string[]) {
    super('UNKNOWN_STORE', `store ${storeIds.join(', ')} is not in the HQ store directory`, { storeIds });
  }
}
