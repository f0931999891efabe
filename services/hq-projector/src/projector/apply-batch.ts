import { type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { type PgProjection } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { type Arrival, type HqEvent, planLogOrder } from './log-order.js';
import { recordedEventOf } from './recorded-event.js';
import { type StoreZones } from './store-zones.js';

/**
 * One GROUP_EVENTS message: its arrival (a decoded event, or a dead-lettered message placed in its store's log
 * by its headers), or none (a message nothing could be read from: only counted past).
 */
export interface BatchItem {
  readonly seq: number;
  readonly arrival?: Arrival;
}

export interface BatchOutcome {
  readonly applied: number;
  /** Already applied or already held: a redelivery, or a second copy of an event (a re-added source). */
  readonly skipped: number;
  /** Events of this batch that wait for an earlier event of their store. */
  readonly held: number;
  /** Events held before that this batch applied. */
  readonly released: number;
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

type Client = pg.PoolClient;

/** The applied position of each store, and the events held for those stores (under the checkpoint's row lock). */
const readLogState = async (client: Client, schema: string, storeIds: readonly string[]) => {
  await client.query(`INSERT INTO ${schema}.store_positions (store_id, position, events) SELECT unnest($1::text[]), 0, 0 ON CONFLICT DO NOTHING`, [storeIds]);
  const { rows: positions } = await client.query<{ store_id: string; position: string }>(
    `SELECT store_id, position FROM ${schema}.store_positions WHERE store_id = ANY($1::text[])`,
    [storeIds],
  );
  const { rows: held } = await client.query<{
    seq: string;
    store_id: string;
    position: string;
    previous_position: string;
    dead_lettered: boolean;
    event: HqEvent | null;
  }>(`SELECT seq, store_id, position, previous_position, dead_lettered, event FROM ${schema}.held_events WHERE store_id = ANY($1::text[])`, [storeIds]);
  return {
    applied: new Map(positions.map((r) => [r.store_id, Number(r.position)])),
    held: held.map((r): Arrival => ({
      seq: Number(r.seq),
      storeId: r.store_id,
      position: Number(r.position),
      previousPosition: Number(r.previous_position),
      deadLettered: r.dead_lettered,
      ...(r.event ? { event: r.event } : {}),
    })),
  };
};

const json = (rows: readonly object[]) => JSON.stringify(rows);

/** An event's place in its store's log, as the key of the set of events to count past (`applyBatch`). */
export const logPlace = (a: Pick<Arrival, 'storeId' | 'position'>): string => `${a.storeId}@${a.position}`;

/** An event a projection rejected (ValidationError): the batch's own message, or an event held before. */
export interface Rejection {
  readonly arrival: Arrival;
  readonly error: ValidationError;
}

/** Opens the batch's transaction: locks the checkpoint and puts what arrived in each store's log order. */
const planBatch = async (client: Client, ctx: ApplyContext, items: readonly BatchItem[]) => {
  const { schema } = ctx;
  await client.query('BEGIN');
  await client.query(`INSERT INTO ${schema}.projector_checkpoint (durable, stream_seq) VALUES ($1, 0) ON CONFLICT DO NOTHING`, [ctx.durable]);
  const { rows: cp } = await client.query<{ stream_seq: string }>(`SELECT stream_seq FROM ${schema}.projector_checkpoint WHERE durable = $1 FOR UPDATE`, [
    ctx.durable,
  ]);
  const done = Number(cp[0]!.stream_seq);
  const arrivals = items.flatMap((item) => (item.seq > done && item.arrival ? [item.arrival] : []));
  const storeIds = [...new Set(arrivals.map((a) => a.storeId))];
  await ctx.zones.ensure(client, storeIds);
  const state = await readLogState(client, schema, storeIds);
  await client.query(`SET LOCAL search_path TO ${schema}`);
  return { done, storeIds, state, plan: planLogOrder(arrivals, state.applied, state.held) };
};

const project = async (ctx: ApplyContext, client: Client, recorded: readonly RecordedEvent[]): Promise<void> => {
  for (const projection of ctx.projections) {
    const types = new Set(projection.eventTypes);
    const events = recorded.filter((e) => types.has(e.type));
    if (events.length > 0) await projection.apply(events, { client, schema: ctx.schema });
  }
};

/**
 * Which events of this batch's plan a projection rejects — its own arrivals, and the held events they would
 * release — found by applying them one at a time, each under a savepoint, in a transaction that is always
 * rolled back. The consumer dead-letters them and applies the batch again with them counted past.
 */
export const findRejected = async (ctx: ApplyContext, items: readonly BatchItem[]): Promise<Rejection[]> => {
  const client = await ctx.pool.connect();
  try {
    const { plan } = await planBatch(client, ctx, items);
    const now = new Date();
    const rejected: Rejection[] = [];
    for (const arrival of plan.ready) {
      if (!arrival.event || arrival.deadLettered) continue;
      await client.query('SAVEPOINT one_event');
      try {
        await project(ctx, client, [recordedEventOf(arrival.event, now)]);
        await client.query('RELEASE SAVEPOINT one_event');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await client.query('ROLLBACK TO SAVEPOINT one_event');
        rejected.push({ arrival, error });
      }
    }
    return rejected;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
};

/**
 * Applies a batch in one transaction: KPI rows, each store's applied position and counters, the events that
 * wait for an earlier event of their store, and the stream checkpoint commit together or not at all. Each
 * store's events are applied in its log order, each once (`planLogOrder`): idempotent per (storeId, position),
 * whatever order the store stream holds them in. Events whose `logPlace` is in `countPast` (dead-lettered:
 * see `findRejected`) take their place in the log without being applied.
 */
export const applyBatch = async (ctx: ApplyContext, items: readonly BatchItem[], countPast: ReadonlySet<string> = new Set()): Promise<BatchOutcome> => {
  const { schema } = ctx;
  const client = await ctx.pool.connect();
  try {
    const { done, storeIds, state, plan } = await planBatch(client, ctx, items);
    const applies = (a: Arrival): a is Arrival & { event: HqEvent } => a.event !== undefined && !a.deadLettered && !countPast.has(logPlace(a));
    const fresh = plan.ready.flatMap((a) => (applies(a) ? [a.event] : []));
    const now = new Date();
    await project(
      ctx,
      client,
      fresh.map((event) => recordedEventOf(event, now)),
    );

    if (plan.hold.length > 0) {
      await client.query(
        `INSERT INTO ${schema}.held_events (store_id, position, previous_position, seq, dead_lettered, event)
         SELECT r."storeId", r.position, r."previousPosition", r.seq, r."deadLettered", r.event
           FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, position bigint, "previousPosition" bigint, seq bigint, "deadLettered" boolean, event jsonb)`,
        [
          json(
            plan.hold.map((a) => ({
              storeId: a.storeId,
              position: a.position,
              previousPosition: a.previousPosition,
              seq: a.seq,
              deadLettered: a.deadLettered,
              event: a.event ?? null,
            })),
          ),
        ],
      );
    }
    if (plan.released.length > 0) {
      await client.query(
        `DELETE FROM ${schema}.held_events h USING unnest($1::text[], $2::bigint[]) AS r(store_id, position)
          WHERE h.store_id = r.store_id AND h.position = r.position`,
        [plan.released.map((a) => a.storeId), plan.released.map((a) => a.position)],
      );
    }

    const perStore = new Map(
      storeIds.map((storeId) => [storeId, { storeId, position: state.applied.get(storeId)!, events: 0, skipped: 0, deadLettered: 0, held: 0 }]),
    );
    // Released events belong to stores of this batch's arrivals.
    const count = (a: Arrival) => perStore.get(a.storeId)!;
    for (const a of plan.ready) {
      if (applies(a)) count(a).events++;
      else count(a).deadLettered++;
    }
    for (const [storeId, position] of plan.positions) perStore.get(storeId)!.position = position;
    for (const a of plan.duplicates) count(a).skipped++;
    for (const a of plan.hold) count(a).held++;
    for (const a of plan.released) count(a).held--;
    const stores = [...perStore.values()];
    if (stores.length > 0) {
      await client.query(
        `UPDATE ${schema}.store_positions p SET position = r.position, events = p.events + r.events, skipped = p.skipped + r.skipped,
                dead_lettered = p.dead_lettered + r."deadLettered", held = p.held + r.held, updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, position bigint, events bigint, skipped bigint, "deadLettered" bigint, held bigint)
          WHERE p.store_id = r."storeId"`,
        [json(stores)],
      );
    }
    const checkpoint = Math.max(done, ...items.map((i) => i.seq));
    await client.query(`UPDATE ${schema}.projector_checkpoint SET stream_seq = $2, updated_at = now() WHERE durable = $1`, [ctx.durable, checkpoint]);
    await client.query('COMMIT');
    return {
      applied: fresh.length,
      skipped: plan.duplicates.length + (items.length - items.filter((i) => i.seq > done).length),
      held: plan.hold.length,
      released: plan.released.length,
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
