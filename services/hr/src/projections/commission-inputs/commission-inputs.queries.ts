import type pg from 'pg';
import { type VehicleSale } from '../../domain/commission/inputs.js';
import { COMMISSION_ORDERS_TABLE, COMMISSION_TARGETS_TABLE } from './commission-inputs.projection.js';

type Db = Pick<pg.Pool, 'query'>;

export interface ConsultantMonthInputs {
  readonly vehicleSales: VehicleSale[];
  readonly targetUnits?: number;
}

/** A consultant's orders settled in `month` or not settled yet, and their unit target for the month. */
export const loadConsultantMonth = async (db: Db, q: { storeId: string; employeeId: string; month: string; readSchema?: string }): Promise<ConsultantMonthInputs> => {
  const schema = q.readSchema ?? 'read';
  const orders = await db.query<{ order_id: string; consultant_id: string; model: string; price: string; floor_price: string; financed: boolean; online: boolean; settled_on: string | null }>(
    `SELECT order_id, consultant_id, model, price, floor_price, financed, online, to_char(settled_on, 'YYYY-MM-DD') AS settled_on
       FROM ${schema}.${COMMISSION_ORDERS_TABLE}
      WHERE store_id = $1 AND consultant_id = $2 AND (settled_on IS NULL OR to_char(settled_on, 'YYYY-MM') = $3)
      ORDER BY order_id`,
    [q.storeId, q.employeeId, q.month],
  );
  const target = await db.query<{ units: number }>(`SELECT units FROM ${schema}.${COMMISSION_TARGETS_TABLE} WHERE store_id = $1 AND consultant_id = $2 AND month = $3`, [
    q.storeId,
    q.employeeId,
    q.month,
  ]);
  return {
    vehicleSales: orders.rows.map((r) => ({
      orderId: r.order_id,
      consultantId: r.consultant_id,
      model: r.model,
      price: Number(r.price),
      floorPrice: Number(r.floor_price),
      financed: r.financed,
      online: r.online,
      ...(r.settled_on === null ? {} : { settledOn: r.settled_on }),
    })),
    ...(target.rows[0] ? { targetUnits: target.rows[0].units } : {}),
  };
};
