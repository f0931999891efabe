import { hrKpiProjections } from '@rooftop/kpis';
import { type PgProjection } from '@rooftop/projections-postgres';
import { commissionInputsProjection } from './commission-inputs/commission-inputs.projection.js';

export {
  COMMISSION_DECORATIONS_TABLE,
  COMMISSION_ORDERS_TABLE,
  COMMISSION_POLICIES_TABLE,
  COMMISSION_TARGETS_TABLE,
  commissionInputsProjection,
} from './commission-inputs/commission-inputs.projection.js';
export { type ConsultantMonthInputs, loadConsultantMonth } from './commission-inputs/commission-inputs.queries.js';

/**
 * Every projection the HR service runs: the commission inputs, and the HR KPI facts and work lists of
 * `@rooftop/kpis` (the same definitions HQ runs). `timeZone` is the store's zone for business dates.
 */
export const createHrProjections = (options: { timeZone: string }): PgProjection[] => [commissionInputsProjection(options), ...hrKpiProjections(options)];
