import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption, zoneResolver } from '../facts/business-date.js';
import { factTableDdl, saveFactDeltas } from '../facts/fact-table.js';
import { helperTable } from '../facts/helper-table.js';
import { WORKSHOP_FACTS_PROJECTION, workshopFactTable, workshopTechnicianFactTable } from './facts.js';
import {
  type AppointmentFacts,
  type ComplaintFacts,
  type RepairOrderFacts,
  WORKSHOP_FACT_EVENT_TYPES,
  foldWorkshopFacts,
  referencedWorkshopIds,
} from './fold.js';

export interface WorkshopFactsOptions {
  /** Store time zone for business dates (default Asia/Shanghai), or one per store id. */
  readonly timeZone?: TimeZoneOption;
}

export const WORKSHOP_KPI_REPAIR_ORDERS = 'workshop_kpi_repair_orders';
export const WORKSHOP_KPI_APPOINTMENTS = 'workshop_kpi_appointments';
export const WORKSHOP_KPI_COMPLAINTS = 'workshop_kpi_complaints';

const repairOrders = helperTable<RepairOrderFacts>(WORKSHOP_KPI_REPAIR_ORDERS, 'repair_order_id', {
  repair_order_id: 'text NOT NULL',
  brand: 'text NOT NULL',
  ro_type: 'text NOT NULL',
  service_advisor_id: 'text NOT NULL',
  opened: 'boolean NOT NULL',
  invoiced: 'boolean NOT NULL',
  follow_up_opened_on: 'date',
  first_call_on_time: 'boolean NOT NULL',
});

const appointments = helperTable<AppointmentFacts>(WORKSHOP_KPI_APPOINTMENTS, 'appointment_id', {
  appointment_id: 'text NOT NULL',
  brand: 'text NOT NULL',
  ro_type: 'text NOT NULL',
  service_advisor_id: 'text NOT NULL',
  outcome: 'text NOT NULL',
});

const complaints = helperTable<ComplaintFacts>(WORKSHOP_KPI_COMPLAINTS, 'complaint_id', {
  complaint_id: 'text NOT NULL',
  brand: 'text NOT NULL',
  ro_type: 'text NOT NULL',
  service_advisor_id: 'text NOT NULL',
  resolved: 'boolean NOT NULL',
});

/**
 * The workshop KPI facts: `workshop_kpi_facts` per (store, business date, brand, RO type, SA) and
 * `workshop_kpi_technician_facts` per (…, technician), plus the helper tables the cross-event rules need
 * (an RO's dimensions for its comeback, claim, complaint and follow-up; an appointment's booking; a
 * complaint's dimensions for its resolution). Set-based:
 * per batch one read and one write of the helper rows it touches and one upsert per fact table.
 */
export const workshopKpiFactsProjection = (options: WorkshopFactsOptions = {}): PgProjection => {
  const zoneOf = zoneResolver(options.timeZone);
  return {
    name: WORKSHOP_FACTS_PROJECTION,
    // 2: parts_issued_fen (parts issued to ROs, from the parts context's events).
    version: 2,
    eventTypes: WORKSHOP_FACT_EVENT_TYPES,
    async setup({ client }) {
      await client.query(factTableDdl(workshopFactTable));
      await client.query(factTableDdl(workshopTechnicianFactTable));
      await client.query(repairOrders.ddl);
      await client.query(appointments.ddl);
      await client.query(complaints.ddl);
    },
    async apply(events, { client }) {
      const ids = referencedWorkshopIds(events);
      const state = {
        repairOrders: await repairOrders.load(client, ids.repairOrders),
        appointments: await appointments.load(client, ids.appointments),
        complaints: await complaints.load(client, ids.complaints),
      };
      const result = foldWorkshopFacts(events, state, zoneOf);
      await repairOrders.save(client, result.repairOrders);
      await appointments.save(client, result.appointments);
      await complaints.save(client, result.complaints);
      await saveFactDeltas(client, workshopFactTable, result.deltas);
      await saveFactDeltas(client, workshopTechnicianFactTable, result.technicianDeltas);
    },
  };
};
