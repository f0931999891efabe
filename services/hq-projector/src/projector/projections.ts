import { hrKpiProjections, insuranceKpiProjections, partsKpiProjections, salesKpiProjections, workshopKpiProjections } from '@rooftop/kpis';
import { type PgProjection } from '@rooftop/projections-postgres';

/**
 * The KPI fact projections HQ runs: the very definitions each store runs over its own log (`@rooftop/kpis`),
 * with business dates in each event's store zone. One definition, two sources.
 */
export const hqKpiProjections = (zoneOf: (storeId: string) => string): PgProjection[] => [
  ...salesKpiProjections({ timeZone: zoneOf }),
  ...workshopKpiProjections({ timeZone: zoneOf }),
  ...partsKpiProjections({ timeZone: zoneOf }),
  ...insuranceKpiProjections({ timeZone: zoneOf }),
  ...hrKpiProjections({ timeZone: zoneOf }),
];
