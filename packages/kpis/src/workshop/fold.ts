import { decodeRecorded, type EventContract, parts as p, workshop as w } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { businessDateOf } from '../facts/business-date.js';
import { FactDeltas, type FactRowDelta, entityKey } from '../facts/fact-table.js';
import { REPAIR_VEHICLE_RO_TYPES, type WorkshopFactColumn, type WorkshopTechnicianFactColumn } from './facts.js';
import { splitByHours } from './split.js';

// The pure heart of the workshop fact projection: given the helper rows of the repair orders and
// appointments a batch refers to, fold the batch in log order into helper changes and fact deltas. The
// projection loads and saves; this file decides, so every counting rule is unit-testable without a database.

/** What the facts remember about a repair order (a row of `workshop_kpi_repair_orders`). */
export interface RepairOrderFacts {
  readonly store_id: string;
  readonly repair_order_id: string;
  brand: string;
  ro_type: string;
  service_advisor_id: string;
  /** Counted in vehicles_in (a replayed opening never counts twice). */
  opened: boolean;
  invoiced: boolean;
  /** Business date its follow-up opened (the release); null until then, or when HQ joined late. */
  follow_up_opened_on: string | null;
  first_call_on_time: boolean;
}

/** What the facts remember about an appointment (a row of `workshop_kpi_appointments`). */
export interface AppointmentFacts {
  readonly store_id: string;
  readonly appointment_id: string;
  brand: string;
  ro_type: string;
  service_advisor_id: string;
  outcome: 'booked' | 'arrived' | 'no_show';
}

/** What the facts remember about a complaint (a row of `workshop_kpi_complaints`): the dimensions it was counted with. */
export interface ComplaintFacts {
  readonly store_id: string;
  readonly complaint_id: string;
  brand: string;
  ro_type: string;
  service_advisor_id: string;
  resolved: boolean;
}

export interface WorkshopFactState {
  readonly repairOrders: Map<string, RepairOrderFacts>;
  readonly appointments: Map<string, AppointmentFacts>;
  readonly complaints: Map<string, ComplaintFacts>;
}

export interface WorkshopFoldResult {
  readonly repairOrders: RepairOrderFacts[];
  readonly appointments: AppointmentFacts[];
  readonly complaints: ComplaintFacts[];
  /** Deltas of `workshop_kpi_facts`: dims [brand, ro_type, service_advisor_id]. */
  readonly deltas: FactRowDelta<WorkshopFactColumn>[];
  /** Deltas of `workshop_kpi_technician_facts`: dims [brand, ro_type, service_advisor_id, technician_id]. */
  readonly technicianDeltas: FactRowDelta<WorkshopTechnicianFactColumn>[];
}

const contracts = new Map<string, EventContract>(
  [
    w.AppointmentBooked,
    w.AppointmentArrived,
    w.AppointmentNoShow,
    w.RepairOrderOpened,
    w.RepairOrderInvoiced,
    w.WarrantyClaimApproved,
    w.WarrantyClaimRejected,
    w.FollowUpOpened,
    w.FollowUpCallCompleted,
    w.FollowUpOverdue,
    w.ComplaintReceived,
    w.ComplaintResolved,
    w.CustomerClassified,
    // The parts context's issues to and returns from an RO: its parts output as the parts counter booked it.
    p.PartsIssuedToRepairOrder,
    p.PartsReturnedFromRepairOrder,
  ].map((c) => [c.type, c as EventContract]),
);

/** The event types the fold counts. */
export const WORKSHOP_FACT_EVENT_TYPES = [...contracts.keys()];

type Keys = [string, string][];

/** The repair orders (incl. a comeback's original), appointments and complaints a batch refers to. */
export const referencedWorkshopIds = (events: readonly RecordedEvent[]): { repairOrders: Keys; appointments: Keys; complaints: Keys } => {
  const ros = new Map<string, [string, string]>();
  const appointments = new Map<string, [string, string]>();
  const complaints = new Map<string, [string, string]>();
  for (const event of events) {
    if (!contracts.has(event.type)) continue;
    const data = event.data as { repairOrderId?: unknown; comebackOf?: unknown; appointmentId?: unknown; complaintId?: unknown } | null;
    const storeId = event.metadata.storeId;
    for (const id of [data?.repairOrderId, data?.comebackOf]) if (typeof id === 'string') ros.set(entityKey(storeId, id), [storeId, id]);
    if (event.type.startsWith('Appointment') && typeof data?.appointmentId === 'string')
      appointments.set(entityKey(storeId, data.appointmentId), [storeId, data.appointmentId]);
    if (typeof data?.complaintId === 'string') complaints.set(entityKey(storeId, data.complaintId), [storeId, data.complaintId]);
  }
  return { repairOrders: [...ros.values()], appointments: [...appointments.values()], complaints: [...complaints.values()] };
};

const REPAIR_TYPES: readonly string[] = REPAIR_VEHICLE_RO_TYPES;

type Dims = readonly [brand: string, roType: string, serviceAdvisorId: string];
const dimsOf = (ro: RepairOrderFacts): Dims => [ro.brand, ro.ro_type, ro.service_advisor_id];

/**
 * Folds a batch (log order) into helper changes and fact deltas. Mutates `state` (the loaded helper rows) so
 * later events of the same batch see earlier ones. Events of one store must arrive in that store's log order.
 */
export const foldWorkshopFacts = (events: readonly RecordedEvent[], state: WorkshopFactState, zoneOf: (storeId: string) => string): WorkshopFoldResult => {
  const facts = new FactDeltas<WorkshopFactColumn>();
  const technicianFacts = new FactDeltas<WorkshopTechnicianFactColumn>();
  const touchedRos = new Set<string>();
  const touchedAppointments = new Set<string>();
  const touchedComplaints = new Set<string>();
  for (const event of events) {
    if (!contracts.has(event.type)) continue;
    const storeId = event.metadata.storeId;
    const zone = zoneOf(storeId);
    const day = businessDateOf(event.metadata.occurredAt, zone);
    const add = (date: string, dims: Dims, column: WorkshopFactColumn, amount = 1) => facts.add(storeId, date, dims, column, amount);
    const ro = (id: string | undefined): RepairOrderFacts | undefined => (id === undefined ? undefined : state.repairOrders.get(entityKey(storeId, id)));
    /** The RO's helper row, created from an event's dimensions when this read model has not seen it yet. */
    const roRow = (d: { repairOrderId: string; brand: string; roType: string; serviceAdvisorId: string }): RepairOrderFacts => {
      const key = entityKey(storeId, d.repairOrderId);
      let row = state.repairOrders.get(key);
      if (!row) {
        row = {
          store_id: storeId,
          repair_order_id: d.repairOrderId,
          brand: d.brand,
          ro_type: d.roType,
          service_advisor_id: d.serviceAdvisorId,
          opened: false,
          invoiced: false,
          follow_up_opened_on: null,
          first_call_on_time: false,
        };
        state.repairOrders.set(key, row);
      }
      touchedRos.add(key);
      return row;
    };

    switch (event.type) {
      case 'AppointmentBooked': {
        const d = decodeRecorded(w.AppointmentBooked, event).data;
        const key = entityKey(storeId, d.appointmentId);
        if (state.appointments.has(key)) break;
        state.appointments.set(key, {
          store_id: storeId,
          appointment_id: d.appointmentId,
          brand: d.brand,
          ro_type: d.roType,
          service_advisor_id: d.serviceAdvisorId ?? '',
          outcome: 'booked',
        });
        touchedAppointments.add(key);
        break;
      }
      case 'AppointmentArrived':
      case 'AppointmentNoShow': {
        const d = event.type === 'AppointmentArrived' ? decodeRecorded(w.AppointmentArrived, event).data : decodeRecorded(w.AppointmentNoShow, event).data;
        const key = entityKey(storeId, d.appointmentId);
        const a = state.appointments.get(key) ?? {
          store_id: storeId,
          appointment_id: d.appointmentId,
          brand: d.brand,
          ro_type: '',
          service_advisor_id: '',
          outcome: 'booked' as const,
        };
        if (a.outcome !== 'booked') break;
        a.outcome = event.type === 'AppointmentArrived' ? 'arrived' : 'no_show';
        state.appointments.set(key, a);
        touchedAppointments.add(key);
        const slotDay = businessDateOf(d.slotStart, zone);
        const dims: Dims = [a.brand, a.ro_type, a.service_advisor_id];
        add(slotDay, dims, 'appointments_due');
        if (a.outcome === 'no_show') add(slotDay, dims, 'appointments_no_show');
        break;
      }
      case 'RepairOrderOpened': {
        const d = decodeRecorded(w.RepairOrderOpened, event).data;
        const row = roRow(d);
        if (row.opened) break;
        Object.assign(row, { opened: true, brand: d.brand, ro_type: d.roType, service_advisor_id: d.serviceAdvisorId });
        add(day, dimsOf(row), 'vehicles_in');
        if (d.appointmentId !== undefined) add(day, dimsOf(row), 'ros_from_appointment');
        if (d.comebackOf !== undefined) add(day, dimsOf(ro(d.comebackOf) ?? row), 'comebacks');
        break;
      }
      case 'RepairOrderInvoiced': {
        const d = decodeRecorded(w.RepairOrderInvoiced, event).data;
        const row = roRow(d);
        if (row.invoiced) break;
        row.invoiced = true;
        const dims: Dims = [d.brand, d.roType, d.serviceAdvisorId];
        const output = d.amounts.labour.amount + d.amounts.parts.amount;
        add(day, dims, 'ros_invoiced');
        add(day, dims, 'output_fen', output);
        add(day, dims, 'labour_fen', d.amounts.labour.amount);
        add(day, dims, 'parts_fen', d.amounts.parts.amount);
        if (REPAIR_TYPES.includes(d.roType)) {
          add(day, dims, 'repair_output_fen', output);
          add(day, dims, 'repair_ros_invoiced');
        }
        if (d.roType === 'insurance_claim') {
          add(day, dims, 'insurance_output_fen', output);
          add(day, dims, 'insurance_ros_invoiced');
        }
        if (d.roType === 'body_paint') add(day, dims, 'body_paint_output_fen', output);
        for (const { technicianId, share } of splitByHours(output, d.technicians)) {
          technicianFacts.add(storeId, day, [...dims, technicianId], 'technician_output_fen', share);
          technicianFacts.add(storeId, day, [...dims, technicianId], 'technician_jobs', 1);
        }
        break;
      }
      case 'WarrantyClaimApproved':
      case 'WarrantyClaimRejected': {
        const d =
          event.type === 'WarrantyClaimApproved' ? decodeRecorded(w.WarrantyClaimApproved, event).data : decodeRecorded(w.WarrantyClaimRejected, event).data;
        const r = ro(d.repairOrderId);
        const dims: Dims = [d.brand, r?.ro_type ?? '', r?.service_advisor_id ?? ''];
        add(day, dims, 'warranty_claims_decided');
        if (event.type === 'WarrantyClaimApproved') add(day, dims, 'warranty_claims_approved');
        break;
      }
      case 'FollowUpOpened': {
        const d = decodeRecorded(w.FollowUpOpened, event).data;
        const row = roRow(d);
        if (row.follow_up_opened_on !== null) break;
        Object.assign(row, { follow_up_opened_on: day, brand: d.brand, ro_type: d.roType, service_advisor_id: d.serviceAdvisorId });
        add(day, dimsOf(row), 'follow_ups_opened');
        break;
      }
      case 'FollowUpCallCompleted': {
        const d = decodeRecorded(w.FollowUpCallCompleted, event).data;
        const dims: Dims = [d.brand, d.roType, d.serviceAdvisorId];
        add(day, dims, 'follow_up_calls');
        if (d.satisfied) add(day, dims, 'follow_up_calls_satisfied');
        const r = ro(d.repairOrderId);
        if (d.call === 'first' && d.onTime && r?.follow_up_opened_on && !r.first_call_on_time) {
          r.first_call_on_time = true;
          touchedRos.add(entityKey(storeId, d.repairOrderId));
          add(r.follow_up_opened_on, dimsOf(r), 'follow_ups_on_time');
        }
        break;
      }
      case 'FollowUpOverdue': {
        const d = decodeRecorded(w.FollowUpOverdue, event).data;
        add(day, [d.brand, d.roType, d.serviceAdvisorId], 'follow_ups_overdue');
        break;
      }
      case 'ComplaintReceived': {
        const d = decodeRecorded(w.ComplaintReceived, event).data;
        const r = ro(d.repairOrderId);
        const key = entityKey(storeId, d.complaintId);
        if (state.complaints.has(key)) break;
        const dims: Dims = [d.brand ?? r?.brand ?? '', r?.ro_type ?? '', d.serviceAdvisorId ?? r?.service_advisor_id ?? ''];
        state.complaints.set(key, {
          store_id: storeId,
          complaint_id: d.complaintId,
          brand: dims[0],
          ro_type: dims[1],
          service_advisor_id: dims[2],
          resolved: false,
        });
        touchedComplaints.add(key);
        add(day, dims, 'complaints');
        if (d.severity === 'major') add(day, dims, 'major_complaints');
        break;
      }
      case 'ComplaintResolved': {
        const d = decodeRecorded(w.ComplaintResolved, event).data;
        const key = entityKey(storeId, d.complaintId);
        const c = state.complaints.get(key);
        if (c?.resolved) break;
        if (c) {
          c.resolved = true;
          touchedComplaints.add(key);
        }
        const dims: Dims = c ? [c.brand, c.ro_type, c.service_advisor_id] : ['', '', ''];
        add(day, dims, 'complaints_resolved');
        add(day, dims, 'complaint_resolution_minutes', Math.max(0, Math.floor((Date.parse(event.metadata.occurredAt) - Date.parse(d.receivedAt)) / 60_000)));
        break;
      }
      case 'CustomerClassified': {
        const d = decodeRecorded(w.CustomerClassified, event).data;
        if (d.class === 'loyal') add(day, [d.brand, '', ''], 'loyal_customers');
        if (d.class === 'lost') add(day, [d.brand, '', ''], 'lost_customers');
        break;
      }
      case 'PartsIssuedToRepairOrder':
      case 'PartsReturnedFromRepairOrder': {
        const d =
          event.type === 'PartsIssuedToRepairOrder'
            ? decodeRecorded(p.PartsIssuedToRepairOrder, event).data
            : decodeRecorded(p.PartsReturnedFromRepairOrder, event).data;
        const row = ro(d.repairOrderId);
        add(day, row ? dimsOf(row) : [d.brand, '', ''], 'parts_issued_fen', (event.type === 'PartsIssuedToRepairOrder' ? 1 : -1) * d.amount.amount);
        break;
      }
    }
  }
  return {
    repairOrders: [...touchedRos].map((k) => state.repairOrders.get(k)!),
    appointments: [...touchedAppointments].map((k) => state.appointments.get(k)!),
    complaints: [...touchedComplaints].map((k) => state.complaints.get(k)!),
    deltas: facts.list(),
    technicianDeltas: technicianFacts.list(),
  };
};
