import { type PgProjection } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { type TimeZoneOption, zoneResolver } from './business-date.js';
import { SALES_FACT_COLUMNS, SALES_FACTS_PROJECTION, salesFactTable, salesFactTableDdl } from './facts.js';
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
  const { rows } = await client.query<{ store_id: string; lead_id: string; captured_on: string | null; brand: string; model: string; channel: string; consultant_id: string; visited: boolean }>(
    `SELECT l.store_id, l.lead_id, to_char(l.captured_on, 'YYYY-MM-DD') AS captured_on, l.brand, l.model, l.channel, l.consultant_id, l.visited
       FROM ${LEADS} l JOIN unnest($1::text[], $2::text[]) AS k(store_id, lead_id) USING (store_id, lead_id)`,
    [ids.map(([s]) => s), ids.map(([, id]) => id)],
  );
  for (const r of rows) {
    leads.set(entityKey(r.store_id, r.lead_id), {
      storeId: r.store_id, leadId: r.lead_id, capturedOn: r.captured_on, brand: r.brand, model: r.model, channel: r.channel, consultantId: r.consultant_id, visited: r.visited,
    });
  }
  return leads;
};

const loadOrders = async (client: Client, ids: [string, string][]): Promise<Map<string, OrderFacts>> => {
  const orders = new Map<string, OrderFacts>();
  if (ids.length === 0) return orders;
  const { rows } = await client.query<{ store_id: string; order_id: string; signed_on: string; brand: string; model: string; channel: string; credited_to: string; online: boolean; cost_fen: string; lead_days: number | null; status: OrderFacts['status'] }>(
    `SELECT o.store_id, o.order_id, to_char(o.signed_on, 'YYYY-MM-DD') AS signed_on, o.brand, o.model, o.channel, o.credited_to, o.online, o.cost_fen, o.lead_days, o.status
       FROM ${ORDERS} o JOIN unnest($1::text[], $2::text[]) AS k(store_id, order_id) USING (store_id, order_id)`,
    [ids.map(([s]) => s), ids.map(([, id]) => id)],
  );
  for (const r of rows) {
    orders.set(entityKey(r.store_id, r.order_id), {
      storeId: r.store_id, orderId: r.order_id, signedOn: r.signed_on, brand: r.brand, model: r.model, channel: r.channel,
      creditedTo: r.credited_to, online: r.online, costFen: Number(r.cost_fen), leadDays: r.lead_days, status: r.status,
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

const saveDeltas = async (client: Client, deltas: FactDelta[]): Promise<void> => {
  if (deltas.length === 0) return;
  const rows = deltas.map((d) => ({ ...d, ...Object.fromEntries(SALES_FACT_COLUMNS.map((c) => [c, d.values[c] ?? 0])), values: undefined }));
  const dims = salesFactTable.dimensions.map((d) => d.column);
  const measures = SALES_FACT_COLUMNS.join(', ');
  await client.query(
    `INSERT INTO ${salesFactTable.table} (store_id, business_date, ${dims.join(', ')}, ${measures})
     SELECT "storeId", "businessDate"::date, brand, model, channel, "consultantId", ${measures}
       FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, "businessDate" text, brand text, model text, channel text, "consultantId" text,
                                               ${SALES_FACT_COLUMNS.map((c) => `${c} bigint`).join(', ')})
     ON CONFLICT (store_id, business_date, ${dims.join(', ')}) DO UPDATE SET
       ${SALES_FACT_COLUMNS.map((c) => `${c} = ${salesFactTable.table}.${c} + EXCLUDED.${c}`).join(',\n       ')}`,
    [JSON.stringify(rows)],
  );
  // A row whose facts all netted to zero (a lead moved away, an order signed and cancelled) is removed, so the
  // table is the same whether the events came in one batch or many.
  await client.query(
    `DELETE FROM ${salesFactTable.table} f
      USING jsonb_to_recordset($1::jsonb) AS r("storeId" text, "businessDate" text, brand text, model text, channel text, "consultantId" text)
      WHERE f.store_id = r."storeId" AND f.business_date = r."businessDate"::date AND f.brand = r.brand AND f.model = r.model
        AND f.channel = r.channel AND f.consultant_id = r."consultantId"
        AND ${SALES_FACT_COLUMNS.map((c) => `f.${c} = 0`).join(' AND ')}`,
    [JSON.stringify(rows)],
  );
};

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
