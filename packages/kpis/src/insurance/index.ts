import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption } from '../facts/business-date.js';
import { insuranceKpiFactsProjection } from './insurance-facts.projection.js';
import { renewalsDueProjection } from './renewals-due.projection.js';

export * from './facts.js';
export { INSURANCE_FACT_EVENT_TYPES, type InsuranceFoldResult, foldInsuranceFacts } from './fold.js';
export { type InsuranceFactsOptions, insuranceKpiFactsProjection } from './insurance-facts.projection.js';
export {
  RENEWALS_DUE_PROJECTION,
  RENEWALS_DUE_TABLE,
  type RenewalDueRow,
  type RenewalsDueQuery,
  listRenewalsDue,
  renewalsDueProjection,
} from './renewals-due.projection.js';

/** Every projection the insurance KPIs and work list read, for a store's runner or HQ's. */
export const insuranceKpiProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [
  insuranceKpiFactsProjection(options),
  renewalsDueProjection(),
];
