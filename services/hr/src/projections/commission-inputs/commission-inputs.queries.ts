import type pg from 'pg';
import { type DecorationSale, type PolicySale, type VehicleSale } from '../../domain/commission/inputs.js';
import { COMMISSION_DECORATIONS_TABLE, COMMISSION_ORDERS_TABLE, COMMISSION_POLICIES_TABLE, COMMISSION_TARGETS_TABLE } from './commission-inputs.projection.js';

type Db = Pick<pg.Pool, 'query'>;

export interface ConsultantMonthInputs {
  readonly vehicleSales: VehicleSale[];
  readonly targetUnits?: number;
  /** Policies sold with those orders. */
  readonly policies: PolicySale[];
  /** The salesperson's accessory sales in the month. */
  readonly decorations: DecorationSale[];
}

/** A salesperson's orders settled in `month` or not settled yet, the policies sold with them, their accessory sales and unit target of the month. */
export const loadConsultantMonth = async (
  db: Db,
  q: { storeId: string; employeeId: string; month: string; readSchema?: string },
): Promise<ConsultantMonthInputs> => {
  const schema = q.readSchema ?? 'read';
  const orders = await db.query<{
    order_id: string;
    consultant_id: string;
    model: string;
    price: string;
    floor_price: string;
    financed: boolean;
    online: boolean;
    settled_on: string | null;
  }>(
    `SELECT order_id, consultant_id, model, price, floor_price, financed, online, to_char(settled_on, 'YYYY-MM-DD') AS settled_on
       FROM ${schema}.${COMMISSION_ORDERS_TABLE}
      WHERE store_id = $1 AND consultant_id = $2 AND (settled_on IS NULL OR to_char(settled_on, 'YYYY-MM') = $3)
      ORDER BY order_id`,
    [q.storeId, q.employeeId, q.month],
  );
  const target = await db.query<{ units: number }>(
    `SELECT units FROM ${schema}.${COMMISSION_TARGETS_TABLE} WHERE store_id = $1 AND consultant_id = $2 AND month = $3`,
    [q.storeId, q.employeeId, q.month],
  );
  const policies = await db.query<{ policy_id: string; order_id: string; coverages: string[] }>(
    `SELECT policy_id, order_id, coverages FROM ${schema}.${COMMISSION_POLICIES_TABLE} WHERE store_id = $1 AND order_id = ANY($2::text[]) ORDER BY policy_id`,
    [q.storeId, orders.rows.map((r) => r.order_id)],
  );
  const decorations = await db.query<{ sale_id: string; sold_by: string; net: string; cost: string; sold_on: string }>(
    `SELECT sale_id, sold_by, net, cost, to_char(sold_on, 'YYYY-MM-DD') AS sold_on FROM ${schema}.${COMMISSION_DECORATIONS_TABLE}
      WHERE store_id = $1 AND sold_by = $2 AND to_char(sold_on, 'YYYY-MM') = $3 ORDER BY sale_id`,
    [q.storeId, q.employeeId, q.month],
  );
  return {
    policies: policies.rows.map((r) => ({ policyId: r.policy_id, orderId: r.order_id, coverages: r.coverages })),
    decorations: decorations.rows.map((r) => ({ saleId: r.sale_id, soldBy: r.sold_by, net: Number(r.net), cost: Number(r.cost), soldOn: r.sold_on })),
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
