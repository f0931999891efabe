import type pg from 'pg';
import { ORDERS_IN_PROGRESS_TABLE, type OrderInProgressRow } from './orders-in-progress.projection.js';

/** A store's orders in progress, optionally of the employee credited with them, oldest activity first. */
export const listOrdersInProgress = async (
  db: Pick<pg.Pool, 'query'>,
  filter: { storeId: string; creditedTo?: string; readSchema?: string },
): Promise<OrderInProgressRow[]> => {
  const { rows } = await db.query<{ row: OrderInProgressRow }>(
    `SELECT to_jsonb(t) AS row FROM ${filter.readSchema ?? 'read'}.${ORDERS_IN_PROGRESS_TABLE} t
      WHERE t.store_id = $1 AND ($2::text IS NULL OR t.credited_to = $2)
      ORDER BY t.last_activity_at, t.order_id`,
    [filter.storeId, filter.creditedTo ?? null],
  );
  return rows.map((r) => r.row);
};
