import type pg from 'pg';
import { APPOINTMENTS_TABLE, type AppointmentRow, type AppointmentStatus } from './appointments.projection.js';

export interface Appointment {
  readonly appointmentId: string;
  readonly slotDate: string;
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly customerPhone: string;
  readonly brand: string;
  readonly model: string | null;
  readonly plate: string | null;
  readonly vin: string | null;
  readonly roType: string;
  readonly serviceAdvisorId: string | null;
  readonly source: string;
  readonly status: AppointmentStatus;
  readonly repairOrderId: string | null;
}

/**
 * A store's appointments of one business date (pass today's date in the store's zone for 今日预约), in slot
 * order, optionally of one SA; cancelled ones only when asked for.
 */
export const listAppointments = async (
  db: Pick<pg.Pool, 'query'>,
  filter: { storeId: string; date: string; serviceAdvisorId?: string; includeCancelled?: boolean; readSchema?: string },
): Promise<Appointment[]> => {
  const { rows } = await db.query<{ row: AppointmentRow }>(
    `SELECT to_jsonb(t) AS row
       FROM ${filter.readSchema ?? 'read'}.${APPOINTMENTS_TABLE} t
      WHERE t.store_id = $1 AND t.slot_date = $2::date AND ($3::text IS NULL OR t.service_advisor_id = $3) AND ($4 OR t.status <> 'cancelled')
      ORDER BY t.slot_start, t.appointment_id`,
    [filter.storeId, filter.date, filter.serviceAdvisorId ?? null, filter.includeCancelled ?? false],
  );
  return rows.map(({ row: r }) => ({
    appointmentId: r.appointment_id,
    slotDate: r.slot_date,
    slotStart: new Date(r.slot_start).toISOString(),
    slotEnd: new Date(r.slot_end).toISOString(),
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerPhone: r.customer_phone,
    brand: r.brand,
    model: r.model,
    plate: r.plate,
    vin: r.vin,
    roType: r.ro_type,
    serviceAdvisorId: r.service_advisor_id,
    source: r.source,
    status: r.status,
    repairOrderId: r.repair_order_id,
  }));
};
