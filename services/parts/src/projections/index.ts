import { partsKpiProjections, type TimeZoneOption } from '@rooftop/kpis';
import { type PgProjection } from '@rooftop/projections-postgres';

/**
 * Every projection the parts service runs: the parts KPI facts of `@rooftop/kpis` and the stock list they
 * keep (`parts_kpi_stock`, read by the gateway's low-stock work list) — the same definitions HQ runs.
 */
export const createPartsProjections = (options: { timeZone?: TimeZoneOption } = {}): PgProjection[] => [...partsKpiProjections(options)];
