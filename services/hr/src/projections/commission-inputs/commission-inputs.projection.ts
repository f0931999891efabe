import { decodeRecorded, insurance, parts, sales } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type PgProjection } from '@rooftop/projections-postgres';
import { localDate } from '../../domain/dates.js';

export const COMMISSION_ORDERS_TABLE = 'hr_commission_orders';
export const COMMISSION_TARGETS_TABLE = 'hr_commission_targets';
export const COMMISSION_POLICIES_TABLE = 'hr_commission_policies';
export const COMMISSION_DECORATIONS_TABLE = 'hr_commission_decorations';

/**
 * What the commission calculator needs from the other contexts, kept per store: each signed order (consultant,
 * model, price vs floor, financing, online, settlement date; a cancelled order leaves), each consultant's
 * monthly unit target (sales), the covers of each new-car policy sold with an order (insurance), and each
 * accessory sale with its net price and cost (parts).
 */
const DDL = [
  `CREATE TABLE IF NOT EXISTS ${COMMISSION_ORDERS_TABLE} (
     store_id text NOT NULL, order_id text NOT NULL, consultant_id text NOT NULL, model text NOT NULL,
     price bigint NOT NULL, floor_price bigint NOT NULL, financed boolean NOT NULL, online boolean NOT NULL,
     settled_on date, PRIMARY KEY (store_id, order_id))`,
  `CREATE INDEX IF NOT EXISTS ${COMMISSION_ORDERS_TABLE}_consultant ON ${COMMISSION_ORDERS_TABLE} (store_id, consultant_id, settled_on)`,
  `CREATE TABLE IF NOT EXISTS ${COMMISSION_TARGETS_TABLE} (
     store_id text NOT NULL, consultant_id text NOT NULL, month text NOT NULL, units int NOT NULL, PRIMARY KEY (store_id, consultant_id, month))`,
  `CREATE TABLE IF NOT EXISTS ${COMMISSION_POLICIES_TABLE} (
     store_id text NOT NULL, policy_id text NOT NULL, order_id text NOT NULL, coverages text[] NOT NULL, PRIMARY KEY (store_id, policy_id))`,
  `CREATE INDEX IF NOT EXISTS ${COMMISSION_POLICIES_TABLE}_order ON ${COMMISSION_POLICIES_TABLE} (store_id, order_id)`,
  `CREATE TABLE IF NOT EXISTS ${COMMISSION_DECORATIONS_TABLE} (
     store_id text NOT NULL, sale_id text NOT NULL, sold_by text NOT NULL, net bigint NOT NULL, cost bigint NOT NULL, sold_on date NOT NULL,
     PRIMARY KEY (store_id, sale_id))`,
  `CREATE INDEX IF NOT EXISTS ${COMMISSION_DECORATIONS_TABLE}_seller ON ${COMMISSION_DECORATIONS_TABLE} (store_id, sold_by, sold_on)`,
];

const EVENTS = [sales.OrderSigned, sales.OrderSettled, sales.OrderCancelled, sales.SalesTargetSet, insurance.NewPolicySold, parts.AccessorySold];

type Client = { query(sql: string, values?: unknown[]): Promise<unknown> };

const applyOne = async (client: Client, event: RecordedEvent, timeZone: string): Promise<void> => {
  const storeId = event.metadata.storeId;
  switch (event.type) {
    case 'OrderSigned': {
      const d = decodeRecorded(sales.OrderSigned, event).data;
      await client.query(
        `INSERT INTO ${COMMISSION_ORDERS_TABLE} (store_id, order_id, consultant_id, model, price, floor_price, financed, online, settled_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)
         ON CONFLICT (store_id, order_id) DO UPDATE SET consultant_id = EXCLUDED.consultant_id, model = EXCLUDED.model, price = EXCLUDED.price,
           floor_price = EXCLUDED.floor_price, financed = EXCLUDED.financed, online = EXCLUDED.online`,
        [storeId, d.orderId, d.consultantId, d.model, d.price.amount, d.floorPrice.amount, d.financing.type === 'loan', d.online],
      );
      return;
    }
    case 'OrderSettled': {
      const d = decodeRecorded(sales.OrderSettled, event).data;
      await client.query(`UPDATE ${COMMISSION_ORDERS_TABLE} SET settled_on = $3 WHERE store_id = $1 AND order_id = $2`, [storeId, d.orderId, d.settledOn]);
      return;
    }
    case 'OrderCancelled': {
      const d = decodeRecorded(sales.OrderCancelled, event).data;
      await client.query(`DELETE FROM ${COMMISSION_ORDERS_TABLE} WHERE store_id = $1 AND order_id = $2`, [storeId, d.orderId]);
      return;
    }
    case 'SalesTargetSet': {
      const d = decodeRecorded(sales.SalesTargetSet, event).data;
      if (d.scope.level !== 'consultant') return;
      await client.query(
        `INSERT INTO ${COMMISSION_TARGETS_TABLE} (store_id, consultant_id, month, units) VALUES ($1, $2, $3, $4)
         ON CONFLICT (store_id, consultant_id, month) DO UPDATE SET units = EXCLUDED.units`,
        [storeId, d.scope.consultantId, d.month, d.units],
      );
      return;
    }
    case 'NewPolicySold': {
      const d = decodeRecorded(insurance.NewPolicySold, event).data;
      // Only a policy sold with a vehicle order earns the salesperson's insurance commission.
      if (d.orderId === undefined) return;
      await client.query(
        `INSERT INTO ${COMMISSION_POLICIES_TABLE} (store_id, policy_id, order_id, coverages) VALUES ($1, $2, $3, $4) ON CONFLICT (store_id, policy_id) DO NOTHING`,
        [storeId, d.policyId, d.orderId, d.coverages.map((c) => c.kind)],
      );
      return;
    }
    case 'AccessorySold': {
      const d = decodeRecorded(parts.AccessorySold, event).data;
      // Decoration (精品装潢) commission is on accessories; care products (养护) are the workshop's.
      if (d.kind !== 'accessory') return;
      await client.query(
        `INSERT INTO ${COMMISSION_DECORATIONS_TABLE} (store_id, sale_id, sold_by, net, cost, sold_on) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (store_id, sale_id) DO UPDATE SET net = ${COMMISSION_DECORATIONS_TABLE}.net + EXCLUDED.net, cost = ${COMMISSION_DECORATIONS_TABLE}.cost + EXCLUDED.cost`,
        [storeId, d.saleId, d.soldBy, d.net.amount, d.cost.amount, localDate(event.metadata.occurredAt, timeZone)],
      );
      return;
    }
  }
};

/** The commission calculator's inputs from this store's sales, insurance and parts events; business dates in `timeZone`. */
export const commissionInputsProjection = (options: { timeZone: string }): PgProjection => ({
  name: 'hr_commission_inputs',
  version: 2,
  eventTypes: EVENTS.map((e) => e.type),
  async setup({ client }) {
    for (const statement of DDL) await client.query(statement);
  },
  async apply(events, { client }) {
    for (const event of events) await applyOne(client, event, options.timeZone);
  },
});
