import { salesKpiProjections, type TimeZoneOption } from '@rooftop/kpis';
import { type PgProjection } from '@rooftop/projections-postgres';
import { openLeadsProjection } from './open-leads/open-leads.projection.js';
import { ordersInProgressProjection } from './orders-in-progress/orders-in-progress.projection.js';

export { OPEN_LEADS_TABLE, type OpenLeadRow, openLeadsProjection } from './open-leads/open-leads.projection.js';
export { type OpenLead, listOpenLeads } from './open-leads/open-leads.queries.js';
export { ORDERS_IN_PROGRESS_TABLE, type OrderInProgressRow, ordersInProgressProjection } from './orders-in-progress/orders-in-progress.projection.js';
export { listOrdersInProgress } from './orders-in-progress/orders-in-progress.queries.js';

/**
 * Every projection the sales service runs: its list read models and the sales KPI facts of `@rooftop/kpis`
 * (the same definitions HQ runs over every store). `timeZone` is the store's zone for business dates.
 */
export const createSalesProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [
  openLeadsProjection(),
  ordersInProgressProjection(),
  ...salesKpiProjections(options),
];

/** The sales projections for a store in the default zone (Asia/Shanghai). */
export const salesProjections: readonly PgProjection[] = createSalesProjections();
