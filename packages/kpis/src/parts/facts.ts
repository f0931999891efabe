import { type FactTable } from '../dictionary/types.js';

/** Name of the projection writing the parts fact table and the stock list. */
export const PARTS_FACTS_PROJECTION = 'parts_kpi_facts';

/** A part with no movement for this many days is slow-moving (呆滞件: 180 days, a platform default; docs/domain/parts.md). */
export const SLOW_MOVING_DAYS = 180;

/**
 * Additive parts facts per (store, business date, part kind, brand). Flows sit on the date of their event;
 * `stock_value_fen` and `slow_moving_value_fen` hold changes of a level and are read as balances (Σ up to
 * the period's end). A part's value enters `slow_moving_value_fen` on the date 180 days after its last
 * movement (a row dated in the future) and leaves it on the date of its next movement, or that future row is
 * taken back when the part moves first — so the balance on any date is the value of stock not moved for 180
 * days, with no timer.
 */
export const partsFactTable = {
  table: 'parts_kpi_facts',
  projection: PARTS_FACTS_PROJECTION,
  dimensions: [
    { dimension: 'partKind', column: 'part_kind' },
    { dimension: 'brand', column: 'brand' },
  ],
  measures: [
    { column: 'purchases_fen', events: ['PartsReceived'], description: 'Σ cost of parts received against purchase orders, in fen, on the receiving date' },
    {
      column: 'sales_fen',
      events: ['PartsIssuedToRepairOrder', 'PartsReturnedFromRepairOrder', 'PartsSoldOverCounter', 'AccessorySold'],
      description: 'Σ retail value of parts issued to repair orders (less returns) and sold over the counter, plus accessory sales net of discount, in fen',
    },
    {
      column: 'cost_of_sales_fen',
      events: ['PartsIssuedToRepairOrder', 'PartsReturnedFromRepairOrder', 'PartsSoldOverCounter', 'AccessorySold'],
      description: 'Σ cost (moving average) of the same movements, in fen',
    },
    {
      column: 'gross_profit_fen',
      events: ['PartsIssuedToRepairOrder', 'PartsReturnedFromRepairOrder', 'PartsSoldOverCounter', 'AccessorySold'],
      description: 'sales_fen − cost_of_sales_fen of the same movements, in fen',
    },
    { column: 'accessory_sales_fen', events: ['AccessorySold'], description: 'Σ net (amount − discount) of accessory and care-product sales, in fen' },
    {
      column: 'lines_demanded',
      events: ['PartsIssuedToRepairOrder', 'PartsSoldOverCounter', 'AccessorySold', 'PartDemandUnmet'],
      description: 'Lines asked for: every issue, counter sale and accessory sale (filled from stock) and every unmet demand',
    },
    {
      column: 'lines_filled',
      events: ['PartsIssuedToRepairOrder', 'PartsSoldOverCounter', 'AccessorySold'],
      description: 'Lines filled from stock: issues, counter sales and accessory sales',
    },
    {
      column: 'stock_value_fen',
      events: [
        'PartsReceived',
        'PartsIssuedToRepairOrder',
        'PartsReturnedFromRepairOrder',
        'PartsSoldOverCounter',
        'AccessorySold',
        'StockCounted',
        'PartsTransferShipped',
        'PartsTransferReceived',
      ],
      description: 'Change of stock value at cost (a balance: Σ up to a date = stock value on that date), in fen',
    },
    {
      column: 'slow_moving_value_fen',
      datedBy: 'the day the stock turns slow-moving (last movement + the slow-moving days) and the day it moves again',
      events: [
        'PartsReceived',
        'PartsIssuedToRepairOrder',
        'PartsReturnedFromRepairOrder',
        'PartsSoldOverCounter',
        'AccessorySold',
        'StockCounted',
        'PartsTransferShipped',
        'PartsTransferReceived',
      ],
      description:
        'Change of the value of stock with no movement for 180 days (a balance): + stock value on the 180th day after a movement, − it on the next movement (or that future + taken back)',
    },
  ],
} as const satisfies FactTable;

export type PartsFactColumn = (typeof partsFactTable.measures)[number]['column'];
