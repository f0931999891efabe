import { type TimeZoneOption, workshopKpiProjections } from '@rooftop/kpis';
import { type PgProjection } from '@rooftop/projections-postgres';
import { appointmentsProjection } from './appointments/appointments.projection.js';
import { followUpsProjection } from './follow-ups/follow-ups.projection.js';
import { repairOrdersProjection } from './repair-orders/repair-orders.projection.js';

export { APPOINTMENTS_TABLE, type AppointmentRow, type AppointmentStatus, appointmentsProjection } from './appointments/appointments.projection.js';
export { type Appointment, listAppointments } from './appointments/appointments.queries.js';
export { REPAIR_ORDERS_TABLE, RO_STATUSES, type RepairOrderRow, type RoStatus, repairOrdersProjection } from './repair-orders/repair-orders.projection.js';
export { type OpenRepairOrder, countRepairOrdersByStatus, listRepairOrders } from './repair-orders/repair-orders.queries.js';
export { FOLLOW_UPS_TABLE, type FollowUpRow, type FollowUpStatus, followUpsProjection } from './follow-ups/follow-ups.projection.js';
export { type ClerkWorkload, type FollowUpWork, followUpWorkloadByClerk, listFollowUpWork } from './follow-ups/follow-ups.queries.js';

/**
 * Every projection the workshop service runs: its work lists and the workshop KPI facts of `@rooftop/kpis`
 * (the same definitions HQ runs over every store). `timeZone` is the store's zone for business dates.
 */
export const createWorkshopProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [
  appointmentsProjection(),
  repairOrdersProjection(),
  followUpsProjection(),
  ...workshopKpiProjections(options),
];

/** The workshop projections for a store in the default zone (Asia/Shanghai). */
export const workshopProjections: readonly PgProjection[] = createWorkshopProjections();
