import { sales, upcastEvent } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type PgProjection } from '@rooftop/projections-postgres';

export const COMMISSION_ORDERS_TABLE = 'hr_commission_orders';
export const COMMISSION_TARGETS_TABLE = 'hr_commission_targets';

/**
 * What the commission calculator needs from sales, kept per store: each signed order (consultant, model, price
 * vs floor, financing, online, settlement date) and each consultant's monthly unit target. A cancelled order
 * leaves. Insurance policies and accessory sales join here when their contracts are published (docs/services/hr.md).
 */
const DDL = [
  `CREATE TABLE IF NOT EXISTS ${COMMISSION_ORDERS_TABLE} (
     store_id text NOT NULL, order_id text NOT NULL, consultant_id text NOT NULL, model text NOT NULL,
     price bigint NOT NULL, floor_price bigint NOT NULL, financed boolean NOT NULL, online boolean NOT NULL,
     settled_on date, PRIMARY KEY (store_id, order_id))`,
  `CREATE INDEX IF NOT EXISTS ${COMMISSION_ORDERS_TABLE}_consultant ON ${COMMISSION_ORDERS_TABLE} (store_id, consultant_id, settled_on)`,
  `CREATE TABLE IF NOT EXISTS ${COMMISSION_TARGETS_TABLE} (
     store_id text NOT NULL, consultant_id text NOT NULL, month text NOT NULL, units int NOT NULL, PRIMARY KEY (store_id, consultant_id, month))`,
];

const EVENTS = [sales.OrderSigned, sales.OrderSettled, sales.OrderCancelled, sales.SalesTargetSet];

type Client = { query(sql: string, values?: unknown[]): Promise<unknown> };

const applyOne = async (client: Client, event: RecordedEvent): Promise<void> => {
  const storeId = event.metadata.storeId;
  switch (event.type) {
    case 'OrderSigned': {
      const d = upcastEvent(sales.OrderSigned, event.schemaVersion, event.data);
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
      const d = upcastEvent(sales.OrderSettled, event.schemaVersion, event.data);
      await client.query(`UPDATE ${COMMISSION_ORDERS_TABLE} SET settled_on = $3 WHERE store_id = $1 AND order_id = $2`, [storeId, d.orderId, d.settledOn]);
      return;
    }
    case 'OrderCancelled': {
      const d = upcastEvent(sales.OrderCancelled, event.schemaVersion, event.data);
      await client.query(`DELETE FROM ${COMMISSION_ORDERS_TABLE} WHERE store_id = $1 AND order_id = $2`, [storeId, d.orderId]);
      return;
    }
    case 'SalesTargetSet': {
      const d = upcastEvent(sales.SalesTargetSet, event.schemaVersion, event.data);
      if (d.scope.level !== 'consultant') return;
      await client.query(
        `INSERT INTO ${COMMISSION_TARGETS_TABLE} (store_id, consultant_id, month, units) VALUES ($1, $2, $3, $4)
         ON CONFLICT (store_id, consultant_id, month) DO UPDATE SET units = EXCLUDED.units`,
        [storeId, d.scope.consultantId, d.month, d.units],
      );
      return;
    }
  }
};

/** The commission calculator's inputs from this store's sales events. */
export const commissionInputsProjection = (): PgProjection => ({
  name: 'hr_commission_inputs',
  version: 1,
  eventTypes: EVENTS.map((e) => e.type),
  async setup({ client }) {
    for (const statement of DDL) await client.query(statement);
  },
  async apply(events, { client }) {
    for (const event of events) await applyOne(client, event);
  },
});

