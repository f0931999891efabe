import { partsFactTable } from '../parts/facts.js';
import { type KpiDefinition } from './types.js';

// Parts KPIs (docs/domain/parts.md). Facts live in `parts_kpi_facts`, written by the `parts_kpi_facts` projection.
// Stock value and slow-moving value are balances (the level at the period's end); the rest are flows.

type Def = Omit<KpiDefinition, 'domain' | 'factTable' | 'version'> & { version?: number };
const kpi = (d: Def): KpiDefinition => ({ domain: 'parts', factTable: partsFactTable, version: 1, ...d });

export const partsKpis: readonly KpiDefinition[] = [
  kpi({
    name: 'parts.purchases',
    labels: { en: 'Parts purchases', zh: '配件采购额' },
    description:
      'Cost of parts received against purchase orders in the period, in fen; break down by partKind for genuine-parts purchasing (纯正配件采购; the stated ≥ 80万 a year is shown per month).',
    unit: 'fen',
    formula: { text: 'Σ PartsReceived.cost', numerator: { fact: 'purchases_fen' } },
    target: 'partsPurchases',
    benchmark: { op: '>=', value: 6_666_667, per: 'month' },
  }),
  kpi({
    name: 'parts.sales',
    labels: { en: 'Parts sales', zh: '配件销售额' },
    description: 'Retail value of parts issued to repair orders (less returns) and sold over the counter, plus accessory sales net of discount, in fen.',
    unit: 'fen',
    formula: {
      text: 'Σ PartsIssuedToRepairOrder.amount − Σ PartsReturnedFromRepairOrder.amount + Σ PartsSoldOverCounter.amount + Σ AccessorySold.net',
      numerator: { fact: 'sales_fen' },
    },
  }),
  kpi({
    name: 'parts.grossMargin',
    labels: { en: 'Parts gross margin', zh: '配件毛利率' },
    description: 'Gross profit (sales − their cost at moving average) ÷ sales.',
    unit: 'ratio',
    formula: {
      text: '(parts sales − Σ cost of the same movements) ÷ parts sales',
      numerator: { fact: 'gross_profit_fen' },
      denominator: { fact: 'sales_fen' },
    },
  }),
  kpi({
    name: 'parts.fillRate',
    labels: { en: 'Fill rate', zh: '配件满足率' },
    description: 'Lines filled from stock ÷ lines demanded (filled lines + PartDemandUnmet).',
    unit: 'ratio',
    formula: {
      text: 'count of (PartsIssuedToRepairOrder + PartsSoldOverCounter + AccessorySold) ÷ count of (those + PartDemandUnmet)',
      numerator: { fact: 'lines_filled' },
      denominator: { fact: 'lines_demanded' },
    },
  }),
  kpi({
    name: 'parts.stockValue',
    labels: { en: 'Stock value', zh: '库存金额' },
    description: 'Value of stock at moving-average cost at the end of the period (or of the queried range), in fen.',
    unit: 'fen',
    formula: { text: 'Σ of every stock movement’s change of value at cost up to the period’s end', numerator: { fact: 'stock_value_fen', asOf: 'periodEnd' } },
  }),
  kpi({
    name: 'parts.turnover',
    labels: { en: 'Stock turnover', zh: '库存周转率' },
    description: 'Cost of parts issued and sold in the period ÷ stock value at its end; over a YEAR period (12 months) it is the annual turnover.',
    unit: 'ratio',
    formula: {
      text: 'Σ cost of (issues − returns + counter sales + accessory sales) ÷ stock value at the period’s end',
      numerator: { fact: 'cost_of_sales_fen' },
      denominator: { fact: 'stock_value_fen', asOf: 'periodEnd' },
    },
  }),
  kpi({
    name: 'parts.slowMovingValue',
    labels: { en: 'Slow-moving stock value', zh: '呆滞库存金额' },
    description: 'Value at cost, at the end of the period, of parts with no stock movement for 180 days, in fen.',
    unit: 'fen',
    formula: {
      text: 'stock value of parts whose last movement is 180 days or more before the period’s end',
      numerator: { fact: 'slow_moving_value_fen', asOf: 'periodEnd' },
    },
  }),
  kpi({
    name: 'parts.accessorySales',
    labels: { en: 'Accessory sales', zh: '精品销售额' },
    description: 'Accessory and care-product sales net of discount, in fen (the stated ≥ 30万 a year is shown per month).',
    unit: 'fen',
    formula: { text: 'Σ AccessorySold.net', numerator: { fact: 'accessory_sales_fen' } },
    target: 'accessorySales',
    benchmark: { op: '>=', value: 2_500_000, per: 'month' },
  }),
];
