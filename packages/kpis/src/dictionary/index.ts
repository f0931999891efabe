import { ValidationError } from '@rooftop/eventsourcing';
import { hrKpis } from './hr.kpis.js';
import { insuranceKpis } from './insurance.kpis.js';
import { partsKpis } from './parts.kpis.js';
import { salesKpis } from './sales.kpis.js';
import { type KpiDefinition } from './types.js';
import { workshopKpis } from './workshop.kpis.js';

export * from './types.js';
export { renderKpiDoc } from './render.js';

/** Every KPI of the platform. A new domain adds its `<domain>.kpis.ts` and one spread here. */
export const kpiDictionary: readonly KpiDefinition[] = [...salesKpis, ...workshopKpis, ...insuranceKpis, ...partsKpis, ...hrKpis];

const byName = new Map(kpiDictionary.map((kpi) => [kpi.name, kpi]));

export const findKpi = (name: string): KpiDefinition | undefined => byName.get(name);

/** The definitions of `names`, or a typed ValidationError naming every unknown one. */
export const kpisNamed = (names: readonly string[]): KpiDefinition[] => {
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new ValidationError(
      `unknown KPI ${unknown.map((n) => JSON.stringify(n)).join(', ')}`,
      unknown.map((n) => ({ path: 'names', message: `unknown KPI ${n}` })),
    );
  }
  return names.map((name) => byName.get(name)!);
};
