import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption } from '../facts/business-date.js';
import { salesKpiFactsProjection } from './sales-facts.projection.js';
import { salesTargetsProjection } from './sales-targets.projection.js';

export * from './facts.js';
export { type FactDelta, type FactKey, type LeadFacts, type OrderFacts, SALES_FACT_EVENT_TYPES, foldSalesFacts } from './fold.js';
export { salesKpiFactsProjection, type SalesFactsOptions } from './sales-facts.projection.js';
export { SALES_TARGETS_TABLE, salesTargetsProjection } from './sales-targets.projection.js';

/** Every projection the sales KPIs read, for a store's runner or HQ's. */
export const salesKpiProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [
  salesKpiFactsProjection(options),
  salesTargetsProjection(),
];
