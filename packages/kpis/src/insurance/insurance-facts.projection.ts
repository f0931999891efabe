import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption, zoneResolver } from '../facts/business-date.js';
import { factTableDdl, saveFactDeltas } from '../facts/fact-table.js';
import { INSURANCE_FACTS_PROJECTION, insuranceFactTable, insuranceStaffFactTable } from './facts.js';
import { INSURANCE_FACT_EVENT_TYPES, foldInsuranceFacts } from './fold.js';

export interface InsuranceFactsOptions {
  /** Store time zone for business dates (default Asia/Shanghai), or one per store id. */
  readonly timeZone?: TimeZoneOption;
}

/** `insurance_kpi_facts` per (store, date, brand) and `insurance_kpi_staff_facts` per (…, staff): one upsert each per batch. */
export const insuranceKpiFactsProjection = (options: InsuranceFactsOptions = {}): PgProjection => {
  const zoneOf = zoneResolver(options.timeZone);
  return {
    name: INSURANCE_FACTS_PROJECTION,
    version: 1,
    eventTypes: INSURANCE_FACT_EVENT_TYPES,
    async setup({ client }) {
      await client.query(factTableDdl(insuranceFactTable));
      await client.query(factTableDdl(insuranceStaffFactTable));
    },
    async apply(events, { client }) {
      const result = foldInsuranceFacts(events, zoneOf);
      await saveFactDeltas(client, insuranceFactTable, result.deltas);
      await saveFactDeltas(client, insuranceStaffFactTable, result.staffDeltas);
    },
  };
};
