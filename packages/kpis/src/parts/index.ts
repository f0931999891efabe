import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption } from '../facts/business-date.js';
import { partsKpiFactsProjection } from './parts-facts.projection.js';

export * from './facts.js';
export { PARTS_FACT_EVENT_TYPES, type PartStockRow, type PartsFoldResult, addDays, foldPartsFacts } from './fold.js';
export { PARTS_KPI_STOCK, type PartsFactsOptions, partsKpiFactsProjection } from './parts-facts.projection.js';

/** Every projection the parts KPIs (and the low-stock list) read, for a store's runner or HQ's. */
export const partsKpiProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [partsKpiFactsProjection(options)];
