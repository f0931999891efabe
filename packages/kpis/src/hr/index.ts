import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption } from '../facts/business-date.js';
import { hrKpiFactsProjection } from './hr-facts.projection.js';
import { hrWorkListsProjection } from './work-lists.projection.js';

export * from './facts.js';
export { HR_FACT_EVENT_TYPES, type HrFoldResult, type PositionPlan, foldHrFacts } from './fold.js';
export { type HrFactsOptions, hrKpiFactsProjection } from './hr-facts.projection.js';
export {
  COMMISSION_STATEMENTS_TABLE,
  type CommissionStatementLineRow,
  type CommissionStatementRow,
  HR_WORK_LISTS_PROJECTION,
  type HrListQuery,
  hrWorkListsProjection,
  listCommissionStatements,
  listOnboardingOverdue,
  ONBOARDING_OVERDUE_TABLE,
  type OnboardingOverdueRow,
} from './work-lists.projection.js';

/** Every projection the HR KPIs and work lists read, for a store's runner or HQ's. */
export const hrKpiProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [hrKpiFactsProjection(options), hrWorkListsProjection()];
