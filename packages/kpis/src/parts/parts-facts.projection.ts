import { type PgProjection } from '@rooftop/projections-postgres';
import { type TimeZoneOption, zoneResolver } from '../facts/business-date.js';
import { factTableDdl, saveFactDeltas } from '../facts/fact-table.js';
import { helperTable } from '../facts/helper-table.js';
import { PARTS_FACTS_PROJECTION, partsFactTable } from './facts.js';
import { PARTS_FACT_EVENT_TYPES, type PartStockRow, foldPartsFacts, referencedParts } from './fold.js';

export interface PartsFactsOptions {
  /** Store time zone for business dates (default Asia/Shanghai), or one per store id. */
  readonly timeZone?: TimeZoneOption;
}

/** One row per part per store: on hand, value, reorder point, last movement (the low-stock list reads it). */
export const PARTS_KPI_STOCK = 'parts_kpi_stock';

export const partsStock = helperTable<PartStockRow>(PARTS_KPI_STOCK, 'part_number', {
  part_number: 'text NOT NULL',
  name: 'text NOT NULL',
  part_kind: 'text NOT NULL',
  brand: 'text NOT NULL',
  reorder_point: 'integer NOT NULL',
  on_hand: 'integer NOT NULL',
  stock_value_fen: 'bigint NOT NULL',
  last_movement_on: 'date',
});

/**
 * The parts KPI facts (`parts_kpi_facts`) and the stock list (`parts_kpi_stock`), which is also the helper
 * state of the balances (a part's value and last movement). Set-based: per batch one read and one write of
 * the stock rows it touches and one upsert of the facts.
 */
export const partsKpiFactsProjection = (options: PartsFactsOptions = {}): PgProjection => {
  const zoneOf = zoneResolver(options.timeZone);
  return {
    name: PARTS_FACTS_PROJECTION,
    version: 1,
    eventTypes: PARTS_FACT_EVENT_TYPES,
    async setup({ client }) {
      await client.query(factTableDdl(partsFactTable));
      await client.query(partsStock.ddl);
    },
    async apply(events, { client }) {
      const stock = await partsStock.load(client, referencedParts(events));
      const result = foldPartsFacts(events, stock, zoneOf);
      await partsStock.save(client, result.stock);
      await saveFactDeltas(client, partsFactTable, result.deltas);
    },
  };
};
