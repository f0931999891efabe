import { type PgProjection } from '@rooftop/projections-postgres';
import { commissionInputsProjection } from './commission-inputs/commission-inputs.projection.js';

export { COMMISSION_ORDERS_TABLE, COMMISSION_TARGETS_TABLE, commissionInputsProjection } from './commission-inputs/commission-inputs.projection.js';
export { type ConsultantMonthInputs, loadConsultantMonth } from './commission-inputs/commission-inputs.queries.js';

/** Every projection the HR service runs: the commission inputs (HR's KPI facts join when `@rooftop/kpis` has them). */
export const createHrProjections = (): PgProjection[] => [commissionInputsProjection()];
