import type pg from 'pg';

/**
 * What parts knows of workshop repair orders: their status as the workshop's events last said (kept by the
 * repair-order-status reaction). `open` until invoiced; `closed` once invoiced or released.
 */
export interface RepairOrderStatuses {
  statusOf(storeId: string, repairOrderId: string): Promise<'open' | 'closed' | undefined>;
}

type Client = Pick<pg.PoolClient, 'query'>;

export const REPAIR_ORDERS_DDL = `CREATE SCHEMA IF NOT EXISTS parts;
CREATE TABLE IF NOT EXISTS parts.repair_orders (
  store_id text NOT NULL,
  repair_order_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  PRIMARY KEY (store_id, repair_order_id)
)`;

export const migrateRepairOrders = async (db: Client): Promise<void> => {
  await db.query(REPAIR_ORDERS_DDL);
};

/** Closed never reopens: a late `open` after `closed` (redelivery out of order) keeps `closed`. */
export const recordRepairOrderStatus = async (db: Client, storeId: string, repairOrderId: string, status: 'open' | 'closed'): Promise<void> => {
  await db.query(
    `INSERT INTO parts.repair_orders (store_id, repair_order_id, status) VALUES ($1, $2, $3)
     ON CONFLICT (store_id, repair_order_id) DO UPDATE SET status = CASE WHEN parts.repair_orders.status = 'closed' THEN 'closed' ELSE EXCLUDED.status END`,
    [storeId, repairOrderId, status],
  );
};

export const pgRepairOrderStatuses = (db: Client): RepairOrderStatuses => ({
  async statusOf(storeId, repairOrderId) {
    const { rows } = await db.query<{ status: 'open' | 'closed' }>('SELECT status FROM parts.repair_orders WHERE store_id = $1 AND repair_order_id = $2', [
      storeId,
      repairOrderId,
    ]);
    return rows[0]?.status;
  },
});

/** For unit tests and in-process use. */
export const inMemoryRepairOrderStatuses = (
  entries: Record<string, 'open' | 'closed'> = {},
): RepairOrderStatuses & { set(id: string, status: 'open' | 'closed'): void } => {
  const map = new Map(Object.entries(entries));
  return { statusOf: async (_storeId, id) => map.get(id), set: (id, status) => void map.set(id, status) };
};
