import { decodeRecorded, workshop as w } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { helperTable } from '@rooftop/kpis';
import { type RowChange, rowProjection } from '../row-projection.js';

export const APPOINTMENTS_TABLE = 'workshop_appointments';

export type AppointmentStatus = 'booked' | 'arrived' | 'no_show' | 'cancelled';

/** One booked appointment, for the day's list at the service desk (今日预约). */
export interface AppointmentRow {
  store_id: string;
  appointment_id: string;
  slot_date: string;
  slot_start: string;
  slot_end: string;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  brand: string;
  model: string | null;
  plate: string | null;
  vin: string | null;
  ro_type: string;
  service_advisor_id: string | null;
  source: string;
  status: AppointmentStatus;
  repair_order_id: string | null;
}

export const appointmentRows = helperTable<AppointmentRow>(APPOINTMENTS_TABLE, 'appointment_id', {
  appointment_id: 'text NOT NULL',
  slot_date: 'date NOT NULL',
  slot_start: 'timestamptz NOT NULL',
  slot_end: 'timestamptz NOT NULL',
  customer_id: 'text NOT NULL',
  customer_name: 'text NOT NULL',
  customer_phone: 'text NOT NULL',
  brand: 'text NOT NULL',
  model: 'text',
  plate: 'text',
  vin: 'text',
  ro_type: 'text NOT NULL',
  service_advisor_id: 'text',
  source: 'text NOT NULL',
  status: 'text NOT NULL',
  repair_order_id: 'text',
});

const EVENTS = [w.AppointmentBooked, w.AppointmentArrived, w.AppointmentNoShow, w.AppointmentCancelled, w.RepairOrderOpened];

const apply = (event: RecordedEvent, row: AppointmentRow | undefined): RowChange<AppointmentRow> => {
  switch (event.type) {
    case 'AppointmentBooked': {
      if (row) return undefined;
      const d = decodeRecorded(w.AppointmentBooked, event).data;
      return {
        store_id: event.metadata.storeId,
        appointment_id: d.appointmentId,
        slot_date: d.slotDate,
        slot_start: d.slotStart,
        slot_end: d.slotEnd,
        customer_id: d.customerId,
        customer_name: d.customerName,
        customer_phone: d.customerPhone,
        brand: d.brand,
        model: d.model ?? null,
        plate: d.plate ?? null,
        vin: d.vin ?? null,
        ro_type: d.roType,
        service_advisor_id: d.serviceAdvisorId ?? null,
        source: d.source,
        status: 'booked',
        repair_order_id: null,
      };
    }
    case 'AppointmentArrived':
      decodeRecorded(w.AppointmentArrived, event);
      return row && { ...row, status: 'arrived' };
    case 'AppointmentNoShow':
      decodeRecorded(w.AppointmentNoShow, event);
      return row && { ...row, status: 'no_show' };
    case 'AppointmentCancelled':
      decodeRecorded(w.AppointmentCancelled, event);
      return row && { ...row, status: 'cancelled' };
    case 'RepairOrderOpened': {
      const d = decodeRecorded(w.RepairOrderOpened, event).data;
      return row && { ...row, repair_order_id: d.repairOrderId, vin: row.vin ?? d.vin };
    }
  }
  return undefined;
};

/**
 * Appointments by slot date (the desk's list of the day): booked → arrived | no-show | cancelled, with the RO
 * opened from it. Rows stay after the day so past days can be listed too.
 */
export const appointmentsProjection = () =>
  rowProjection<AppointmentRow>({
    name: APPOINTMENTS_TABLE,
    rows: appointmentRows,
    eventTypes: EVENTS.map((c) => c.type),
    indexes: [`CREATE INDEX IF NOT EXISTS ${APPOINTMENTS_TABLE}_day ON ${APPOINTMENTS_TABLE} (store_id, slot_date, slot_start)`],
    idOf: (event) => {
      const id = (event.data as { appointmentId?: unknown } | null)?.appointmentId;
      return typeof id === 'string' ? id : undefined;
    },
    apply,
  });
