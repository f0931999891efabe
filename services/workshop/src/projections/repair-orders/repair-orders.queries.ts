import type pg from 'pg';
import { REPAIR_ORDERS_TABLE, RO_STATUSES, type RepairOrderRow, type RoStatus } from './repair-orders.projection.js';

export interface OpenRepairOrder {
  readonly repairOrderId: string;
  readonly status: RoStatus;
  readonly brand: string;
  readonly model: string;
  readonly vin: string;
  readonly plate: string | null;
  readonly roType: string;
  readonly serviceAdvisorId: string;
  readonly customerId: string;
  readonly appointmentId: string | null;
  readonly comebackOf: string | null;
  readonly technicianIds: readonly string[];
  readonly estimateFen: number | null;
  readonly invoiceTotalFen: number | null;
  readonly promisedAt: string | null;
  readonly openedAt: string;
  readonly lastEventAt: string;
}

type Db = Pick<pg.Pool, 'query'>;

/** A store's repair orders not yet released, optionally of some statuses and one SA: promised hand-backs first. */
export const listRepairOrders = async (
  db: Db,
  filter: { storeId: string; statuses?: readonly RoStatus[]; serviceAdvisorId?: string; readSchema?: string },
): Promise<OpenRepairOrder[]> => {
  const { rows } = await db.query<{ row: RepairOrderRow }>(
    `SELECT to_jsonb(t) AS row FROM ${filter.readSchema ?? 'read'}.${REPAIR_ORDERS_TABLE} t
      WHERE t.store_id = $1 AND t.status = ANY($2::text[]) AND ($3::text IS NULL OR t.service_advisor_id = $3)
      ORDER BY t.promised_at NULLS LAST, t.opened_at, t.repair_order_id`,
    [filter.storeId, filter.statuses ?? RO_STATUSES, filter.serviceAdvisorId ?? null],
  );
  return rows.map(({ row: r }) => ({
    repairOrderId: r.repair_order_id,
    status: r.status,
    brand: r.brand,
    model: r.model,
    vin: r.vin,
    plate: r.plate,
    roType: r.ro_type,
    serviceAdvisorId: r.service_advisor_id,
    customerId: r.customer_id,
    appointmentId: r.appointment_id,
    comebackOf: r.comeback_of,
    technicianIds: r.technician_ids,
    estimateFen: r.estimate_fen === null ? null : Number(r.estimate_fen),
    invoiceTotalFen: r.invoice_total_fen === null ? null : Number(r.invoice_total_fen),
    promisedAt: r.promised_at === null ? null : new Date(r.promised_at).toISOString(),
    openedAt: new Date(r.opened_at).toISOString(),
    lastEventAt: new Date(r.last_event_at).toISOString(),
  }));
};

/** How many of a store's unreleased repair orders are in each status (every status present, 0 when none). */
export const countRepairOrdersByStatus = async (
  db: Db,
  filter: { storeId: string; serviceAdvisorId?: string; readSchema?: string },
): Promise<Record<RoStatus, number>> => {
  const { rows } = await db.query<{ status: RoStatus; n: string }>(
    `SELECT status, count(*) AS n FROM ${filter.readSchema ?? 'read'}.${REPAIR_ORDERS_TABLE}
      WHERE store_id = $1 AND ($2::text IS NULL OR service_advisor_id = $2) GROUP BY status`,
    [filter.storeId, filter.serviceAdvisorId ?? null],
  );
  const counts = Object.fromEntries(RO_STATUSES.map((s) => [s, 0])) as Record<RoStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
};
