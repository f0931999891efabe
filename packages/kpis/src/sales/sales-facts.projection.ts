import { type PgProjection } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { type TimeZoneOption, zoneResolver } from '../facts/business-date.js';
import { saveFactDeltas } from '../facts/fact-table.js';
import { SALES_FACTS_PROJECTION, salesFactTable, salesFactTableDdl } from './facts.js';
import { type FactDelta, type LeadFacts, type OrderFacts, SALES_FACT_EVENT_TYPES, entityKey, foldSalesFacts, referencedIds } from './fold.js';

type Client = Pick<pg.PoolClient, 'query'>;

export interface SalesFactsOptions {
  /** Store time zone for business dates (default Asia/Shanghai), or one per store id. */
  readonly timeZone?: TimeZoneOption;
}

const LEADS = 'sales_kpi_leads';
const ORDERS = 'sales_kpi_orders';

const loadLeads = async (client: Client, ids: [string, string][]): Promise<Map<string, LeadFacts>> => {
  const leads = new Map<string, LeadFacts>();
  if (ids.length === 0) return leads;
  const { rows } = await client.query<{
    store_id: string;
    lead_id: string;
    captured_on: string | null;
    brand: string;
    model: string;
    channel: string;
    consultant_id: string;
    visited: boolean;
  }>(
    `SELECT l.store_id, l.lead_id, to_char(l.captured_on, 'YYYY-MM-DD') AS captured_on, l.brand, l.model, l.channel, l.consultant_id, l.visited
       FROM ${LEADS} l JOIN unnest($1::text[], $2::text[]) AS k(store_id, lead_id) USING (store_id, lead_id)`,
    [ids.map(([s]) => s), ids.map(([, id]) => id)],
  );
  for (const r of rows) {
    leads.set(entityKey(r.store_id, r.lead_id), {
      storeId: r.store_id,
      leadId: r.lead_id,
      capturedOn: r.captured_on,
      brand: r.brand,
      model: r.model,
      channel: r.channel,
      consultantId: r.consultant_id,
      visited: r.visited,
    });
  }
  return leads;
};

const loadOrders = async (client: Client, ids: [string, string][]): Promise<Map<string, OrderFacts>> => {
  const orders = new Map<string, OrderFacts>();
  if (ids.length === 0) return orders;
  const { rows } = await client.query<{
    store_id: string;
    order_id: string;
    signed_on: string;
    brand: string;
    model: string;
    channel: string;
    credited_to: string;
    online: boolean;
    cost_fen: string;
    lead_days: number | null;
    status: OrderFacts['status'];
  }>(
    `SELECT o.store_id, o.order_id, to_char(o.signed_on, 'YYYY-MM-DD') AS signed_on, o.brand, o.model, o.channel, o.credited_to, o.online, o.cost_fen, o.lead_days, o.status
       FROM ${ORDERS} o JOIN unnest($1::text[], $2::text[]) AS k(store_id, order_id) USING (store_id, order_id)`,
    [ids.map(([s]) => s), ids.map(([, id]) => id)],
  );
  for (const r of rows) {
    orders.set(entityKey(r.store_id, r.order_id), {
      storeId: r.store_id,
      orderId: r.order_id,
      signedOn: r.signed_on,
      brand: r.brand,
      model: r.model,
      channel: r.channel,
      creditedTo: r.credited_to,
      online: r.online,
      costFen: Number(r.cost_fen),
      leadDays: r.lead_days,
      status: r.status,
    });
  }
  return orders;
};

const saveLeads = async (client: Client, leads: LeadFacts[]): Promise<void> => {
  if (leads.length === 0) return;
  await client.query(
    `INSERT INTO ${LEADS} (store_id, lead_id, captured_on, brand, model, channel, consultant_id, visited)
     SELECT "storeId", "leadId", "capturedOn"::date, brand, model, channel, "consultantId", visited
       FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, "leadId" text, "capturedOn" text, brand text, model text, channel text, "consultantId" text, visited boolean)
     ON CONFLICT (store_id, lead_id) DO UPDATE SET consultant_id = EXCLUDED.consultant_id, visited = EXCLUDED.visited`,
    [JSON.stringify(leads)],
  );
};

const saveOrders = async (client: Client, orders: OrderFacts[]): Promise<void> => {
  if (orders.length === 0) return;
  await client.query(
    `INSERT INTO ${ORDERS} (store_id, order_id, signed_on, brand, model, channel, credited_to, online, cost_fen, lead_days, status)
     SELECT "storeId", "orderId", "signedOn"::date, brand, model, channel, "creditedTo", online, "costFen", "leadDays", status
       FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, "orderId" text, "signedOn" text, brand text, model text, channel text,
                                               "creditedTo" text, online boolean, "costFen" bigint, "leadDays" int, status text)
     ON CONFLICT (store_id, order_id) DO UPDATE SET status = EXCLUDED.status`,
    [JSON.stringify(orders)],
  );
};

/** The fact row of a sales delta: dimensions in the order of `salesFactTable.dimensions`. */
const saveDeltas = (client: Client, deltas: FactDelta[]): Promise<void> =>
  saveFactDeltas(
    client,
    salesFactTable,
    deltas.map((d) => ({ storeId: d.storeId, businessDate: d.businessDate, dims: [d.brand, d.model, d.channel, d.consultantId], values: d.values })),
  );

/**
 * The sales KPI facts: additive counts and sums per (store, business date, brand, model, channel,
 * consultant), plus the two helper tables the cross-event rules need. Set-based: per batch one read of the
 * helper rows it touches, one write of them and one upsert of the fact deltas, whatever the batch size.
 */
export const salesKpiFactsProjection = (options: SalesFactsOptions = {}): PgProjection => {
  const zoneOf = zoneResolver(options.timeZone);
  return {
    name: SALES_FACTS_PROJECTION,
    version: 1,
    eventTypes: SALES_FACT_EVENT_TYPES,
    async setup({ client }) {
      await client.query(salesFactTableDdl());
      await client.query(`CREATE TABLE IF NOT EXISTS ${LEADS} (
        store_id text NOT NULL, lead_id text NOT NULL, captured_on date, brand text NOT NULL, model text NOT NULL,
        channel text NOT NULL, consultant_id text NOT NULL, visited boolean NOT NULL, PRIMARY KEY (store_id, lead_id))`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${ORDERS} (
        store_id text NOT NULL, order_id text NOT NULL, signed_on date NOT NULL, brand text NOT NULL, model text NOT NULL,
        channel text NOT NULL, credited_to text NOT NULL, online boolean NOT NULL, cost_fen bigint NOT NULL, lead_days int,
        status text NOT NULL, PRIMARY KEY (store_id, order_id))`);
    },
    async apply(events, { client }) {
      const ids = referencedIds(events);
      const state = { leads: await loadLeads(client, ids.leads), orders: await loadOrders(client, ids.orders) };
      const result = foldSalesFacts(events, state, zoneOf);
      await saveLeads(client, result.leads);
      await saveOrders(client, result.orders);
      await saveDeltas(client, result.deltas);
    },
  };
};
