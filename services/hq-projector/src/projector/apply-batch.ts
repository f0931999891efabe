import { type DecodedEvent } from '@rooftop/messaging';
import { type PgProjection } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { recordedEventOf } from './recorded-event.js';
import { type StoreZones } from './store-zones.js';

/** One GROUP_EVENTS message: decoded, or (dead-lettered already) only counted past. */
export type BatchItem =
  | { readonly seq: number; readonly event: DecodedEvent; readonly deadLettered?: false }
  | { readonly seq: number; readonly event?: DecodedEvent; readonly deadLettered: true };

export interface BatchOutcome {
  readonly applied: number;
  /** Already applied: a redelivery, or a copy of an event HQ has (a re-added source). */
  readonly skipped: number;
  readonly checkpoint: number;
  /** Applied events per store (for metrics). */
  readonly perStore: ReadonlyMap<string, number>;
}

export interface ApplyContext {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly durable: string;
  readonly projections: readonly PgProjection[];
  readonly zones: StoreZones;
}

/**
 * Applies a batch in one transaction: KPI rows, every store's applied position and the stream checkpoint
 * commit together or not at all. An event is applied only if its position is past its store's applied
 * position (idempotent per (storeId, position)); events of one store arrive in that store's log order (a
 * source keeps its stream's order), so this also keeps per-stream order.
 */
export const applyBatch = async (ctx: ApplyContext, items: readonly BatchItem[]): Promise<BatchOutcome> => {
  const { schema } = ctx;
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${schema}.projector_checkpoint (durable, stream_seq) VALUES ($1, 0) ON CONFLICT DO NOTHING`, [ctx.durable]);
    const { rows: cp } = await client.query<{ stream_seq: string }>(`SELECT stream_seq FROM ${schema}.projector_checkpoint WHERE durable = $1 FOR UPDATE`, [ctx.durable]);
    const done = Number(cp[0]!.stream_seq);
    const pending = items.filter((item) => item.seq > done);
    const storeIds = [...new Set(pending.flatMap((item) => (item.event ? [item.event.storeId] : [])))];
    await ctx.zones.ensure(client, storeIds);
    await client.query(`INSERT INTO ${schema}.store_positions (store_id, position, events) SELECT unnest($1::text[]), 0, 0 ON CONFLICT DO NOTHING`, [storeIds]);
    const { rows } = await client.query<{ store_id: string; position: string }>(
      `SELECT store_id, position FROM ${schema}.store_positions WHERE store_id = ANY($1::text[]) FOR UPDATE`,
      [storeIds],
    );
    const position = new Map(rows.map((r) => [r.store_id, Number(r.position)]));
    const counts = new Map<string, { events: number; skipped: number; deadLettered: number }>(storeIds.map((s) => [s, { events: 0, skipped: 0, deadLettered: 0 }]));
    const fresh: DecodedEvent[] = [];
    for (const item of pending) {
      if (!item.event) continue;
      const count = counts.get(item.event.storeId)!;
      if (item.event.position <= position.get(item.event.storeId)!) {
        count.skipped++;
        continue;
      }
      position.set(item.event.storeId, item.event.position);
      if (item.deadLettered) count.deadLettered++;
      else {
        count.events++;
        fresh.push(item.event);
      }
    }
    const now = new Date();
    const recorded = fresh.map((event) => recordedEventOf(event, now));
    await client.query(`SET LOCAL search_path TO ${schema}`);
    for (const projection of ctx.projections) {
      const types = new Set(projection.eventTypes);
      const events = recorded.filter((e) => types.has(e.type));
      if (events.length > 0) await projection.apply(events, { client, schema });
    }
    const stores = [...counts.entries()].map(([storeId, c]) => ({ storeId, position: position.get(storeId)!, ...c }));
    if (stores.length > 0) {
      await client.query(
        `UPDATE ${schema}.store_positions p SET position = r.position, events = p.events + r.events, skipped = p.skipped + r.skipped,
                dead_lettered = p.dead_lettered + r."deadLettered", updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, position bigint, events bigint, skipped bigint, "deadLettered" bigint)
          WHERE p.store_id = r."storeId"`,
        [JSON.stringify(stores)],
      );
    }
    const checkpoint = Math.max(done, ...items.map((i) => i.seq));
    await client.query(`UPDATE ${schema}.projector_checkpoint SET stream_seq = $2, updated_at = now() WHERE durable = $1`, [ctx.durable, checkpoint]);
    await client.query('COMMIT');
    return {
      applied: fresh.length,
      skipped: stores.reduce((a, s) => a + s.skipped, 0) + (items.length - pending.length),
      checkpoint,
      perStore: new Map(stores.map((s) => [s.storeId, s.events])),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
