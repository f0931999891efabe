import { decodeRecorded, workshop as w } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { helperTable } from '@rooftop/kpis';
import { type RowChange, rowProjection } from '../row-projection.js';

export const REPAIR_ORDERS_TABLE = 'workshop_open_repair_orders';

/** Where an RO is on the shop floor; a released RO leaves the list. `rework` = failed quality check, back to the technicians. */
export const RO_STATUSES = [
  'opened',
  'estimate_agreed',
  'dispatched',
  'in_progress',
  'work_completed',
  'rework',
  'quality_checked',
  'washed',
  'invoiced',
] as const;
export type RoStatus = (typeof RO_STATUSES)[number];

export interface RepairOrderRow {
  store_id: string;
  repair_order_id: string;
  status: RoStatus;
  brand: string;
  model: string;
  vin: string;
  plate: string | null;
  ro_type: string;
  service_advisor_id: string;
  customer_id: string;
  appointment_id: string | null;
  comeback_of: string | null;
  technician_ids: string[];
  estimate_fen: number | null;
  invoice_total_fen: number | null;
  promised_at: string | null;
  opened_at: string;
  last_event_at: string;
}

export const repairOrderRows = helperTable<RepairOrderRow>(REPAIR_ORDERS_TABLE, 'repair_order_id', {
  repair_order_id: 'text NOT NULL',
  status: 'text NOT NULL',
  brand: 'text NOT NULL',
  model: 'text NOT NULL',
  vin: 'text NOT NULL',
  plate: 'text',
  ro_type: 'text NOT NULL',
  service_advisor_id: 'text NOT NULL',
  customer_id: 'text NOT NULL',
  appointment_id: 'text',
  comeback_of: 'text',
  technician_ids: 'jsonb NOT NULL',
  estimate_fen: 'bigint',
  invoice_total_fen: 'bigint',
  promised_at: 'timestamptz',
  opened_at: 'timestamptz NOT NULL',
  last_event_at: 'timestamptz NOT NULL',
});

const EVENTS = [
  w.RepairOrderOpened,
  w.EstimateAgreed,
  w.JobDispatched,
  w.ProgressReported,
  w.WorkCompleted,
  w.QualityChecked,
  w.VehicleWashed,
  w.RepairOrderInvoiced,
  w.VehicleReleased,
];

const apply = (event: RecordedEvent, row: RepairOrderRow | undefined): RowChange<RepairOrderRow> => {
  const at = event.metadata.occurredAt;
  const move = (status: RoStatus, change: Partial<RepairOrderRow> = {}): RowChange<RepairOrderRow> => row && { ...row, ...change, status, last_event_at: at };
  switch (event.type) {
    case 'RepairOrderOpened': {
      if (row) return undefined;
      const d = decodeRecorded(w.RepairOrderOpened, event).data;
      return {
        store_id: event.metadata.storeId,
        repair_order_id: d.repairOrderId,
        status: 'opened',
        brand: d.brand,
        model: d.model,
        vin: d.vin,
        plate: d.plate ?? null,
        ro_type: d.roType,
        service_advisor_id: d.serviceAdvisorId,
        customer_id: d.customerId,
        appointment_id: d.appointmentId ?? null,
        comeback_of: d.comebackOf ?? null,
        technician_ids: [],
        estimate_fen: null,
        invoice_total_fen: null,
        promised_at: null,
        opened_at: at,
        last_event_at: at,
      };
    }
    case 'EstimateAgreed': {
      const d = decodeRecorded(w.EstimateAgreed, event).data;
      return move('estimate_agreed', { estimate_fen: d.estimate.labour.amount + d.estimate.parts.amount, promised_at: d.promisedAt ?? null });
    }
    case 'JobDispatched': {
      const d = decodeRecorded(w.JobDispatched, event).data;
      return move('dispatched', { technician_ids: d.technicianIds });
    }
    case 'ProgressReported': {
      const d = decodeRecorded(w.ProgressReported, event).data;
      return move(
        'in_progress',
        d.additionalEstimate && d.customerAgreed && row ? { estimate_fen: (row.estimate_fen ?? 0) + d.additionalEstimate.amount } : {},
      );
    }
    case 'WorkCompleted': {
      const d = decodeRecorded(w.WorkCompleted, event).data;
      return move('work_completed', { technician_ids: d.technicians.map((t) => t.technicianId) });
    }
    case 'QualityChecked': {
      const d = decodeRecorded(w.QualityChecked, event).data;
      return move(d.passed ? 'quality_checked' : 'rework');
    }
    case 'VehicleWashed':
      decodeRecorded(w.VehicleWashed, event);
      return move('washed');
    case 'RepairOrderInvoiced': {
      const d = decodeRecorded(w.RepairOrderInvoiced, event).data;
      return move('invoiced', { invoice_total_fen: d.amounts.total.amount });
    }
    case 'VehicleReleased':
      decodeRecorded(w.VehicleReleased, event);
      return null;
  }
  return undefined;
};

/** Repair orders on the shop floor by status (opened … invoiced); a released RO leaves the list. */
export const repairOrdersProjection = () =>
  rowProjection<RepairOrderRow>({
    name: REPAIR_ORDERS_TABLE,
    rows: repairOrderRows,
    eventTypes: EVENTS.map((c) => c.type),
    indexes: [`CREATE INDEX IF NOT EXISTS ${REPAIR_ORDERS_TABLE}_status ON ${REPAIR_ORDERS_TABLE} (store_id, status, service_advisor_id)`],
    idOf: (event) => {
      const id = (event.data as { repairOrderId?: unknown } | null)?.repairOrderId;
      return typeof id === 'string' ? id : undefined;
    },
    apply,
  });
