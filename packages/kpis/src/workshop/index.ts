import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption } from '../facts/business-date.js';
import { workshopKpiFactsProjection } from './workshop-facts.projection.js';

export * from './facts.js';
export {
  type AppointmentFacts,
  type ComplaintFacts,
  type RepairOrderFacts,
  WORKSHOP_FACT_EVENT_TYPES,
  type WorkshopFoldResult,
  foldWorkshopFacts,
} from './fold.js';
export { splitByHours } from './split.js';
export {
  WORKSHOP_KPI_APPOINTMENTS,
  WORKSHOP_KPI_COMPLAINTS,
  WORKSHOP_KPI_REPAIR_ORDERS,
  type WorkshopFactsOptions,
  workshopKpiFactsProjection,
} from './workshop-facts.projection.js';

/** Every projection the workshop KPIs read, for a store's runner or HQ's. */
export const workshopKpiProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [workshopKpiFactsProjection(options)];
