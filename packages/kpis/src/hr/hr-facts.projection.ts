import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption, zoneResolver } from '../facts/business-date.js';
import { entityKey, factTableDdl, saveFactDeltas } from '../facts/fact-table.js';
import { helperTable } from '../facts/helper-table.js';
import { HR_FACTS_PROJECTION, hrCommissionFactTable, hrFactTable } from './facts.js';
import { foldHrFacts, HR_FACT_EVENT_TYPES, type PositionPlan } from './fold.js';

export interface HrFactsOptions {
  /** Store time zone for business dates (default Asia/Shanghai), or one per store id. */
  readonly timeZone?: TimeZoneOption;
}

interface PlanRow {
  store_id: string;
  position_id: string;
  department_id: string;
  planned: number;
}

/** The positions' current plans: what a plan change is measured against. */
const plans = helperTable<PlanRow>('hr_kpi_position_plans', 'position_id', {
  position_id: 'text NOT NULL',
  department_id: 'text NOT NULL',
  planned: 'int NOT NULL',
});

/** `hr_kpi_facts` per (store, date, department) and `hr_kpi_commission_facts` per (…, consultant): one upsert each per batch. */
export const hrKpiFactsProjection = (options: HrFactsOptions = {}): PgProjection => {
  const zoneOf = zoneResolver(options.timeZone);
  return {
    name: HR_FACTS_PROJECTION,
    version: 1,
    eventTypes: HR_FACT_EVENT_TYPES,
    async setup({ client }) {
      await client.query(factTableDdl(hrFactTable));
      await client.query(factTableDdl(hrCommissionFactTable));
      await client.query(plans.ddl);
    },
    async apply(events, { client }) {
      const keys = events.filter((e) => e.type === 'PositionDefined').map((e) => [e.metadata.storeId, (e.data as { positionId: string }).positionId] as const);
      const known = new Map<string, PositionPlan>(
        [...(await plans.load(client, keys)).values()].map((r) => [
          entityKey(r.store_id, r.position_id),
          { departmentId: r.department_id, planned: r.planned },
        ]),
      );
      const result = foldHrFacts(events, zoneOf, known);
      await saveFactDeltas(client, hrFactTable, result.deltas);
      await saveFactDeltas(client, hrCommissionFactTable, result.commissionDeltas);
      await plans.save(
        client,
        [...result.plans.values()].map((p) => ({ store_id: p.storeId, position_id: p.positionId, department_id: p.departmentId, planned: p.planned })),
      );
    },
  };
};
