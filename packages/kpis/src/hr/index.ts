import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption } from '../facts/business-date.js';
import { hrKpiFactsProjection } from './hr-facts.projection.js';

export * from './facts.js';
export { HR_FACT_EVENT_TYPES, type HrFoldResult, type PositionPlan, foldHrFacts } from './fold.js';
export { type HrFactsOptions, hrKpiFactsProjection } from './hr-facts.projection.js';

/** Every projection the HR KPIs read, for a store's runner or HQ's. */
export const hrKpiProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [hrKpiFactsProjection(options)];
