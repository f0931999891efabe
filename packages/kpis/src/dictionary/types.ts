/**
 * The KPI dictionary's vocabulary. A KPI is defined once, by name, and read by the store, by HQ and by the
 * gateway; its machine formula names additive fact columns, never a stored ratio, so any ratio is exact over
 * any set of stores and any period: value = Σ numerator ÷ Σ denominator (never an average of ratios).
 */

/** Business domains that own KPIs; a new one adds a `<domain>.kpis.ts` file and one line in the dictionary. */
export type KpiDomain = 'sales' | 'workshop' | 'parts' | 'insurance' | 'hr';

export const KPI_UNITS = ['count', 'ratio', 'fen', 'days', 'minutes'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

/**
 * Every dimension any fact table is keyed by; `store` is always present so HQ can hold many stores in one
 * table. Each context uses its own subset (sales: brand, model, channel, consultant; workshop: brand, roType,
 * serviceAdvisor, technician); a query may only break a KPI down by the dimensions of its fact table.
 */
export const KPI_DIMENSIONS = [
  'store',
  'brand',
  'model',
  'channel',
  'consultant',
  'roType',
  'serviceAdvisor',
  'technician',
  'staff',
  'partKind',
  'department',
] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

export const KPI_GRANULARITIES = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type KpiGranularity = (typeof KPI_GRANULARITIES)[number];

/** One additive column of a fact table: a count or a sum, with the events that move it. */
export interface FactMeasure {
  readonly column: string;
  readonly description: string;
  /** Event types (of the owning context's contracts) that change this column. */
  readonly events: readonly string[];
  /**
   * Which date the fact is counted on, when it is not the business date of each event's `time` (its occurredAt
   * in the store's zone; the `businessdate` of an integrator's event): e.g. `VehicleDelivered data.deliveryDate`.
   */
  readonly datedBy?: string;
}

/**
 * A table of additive facts, one row per (store, business date, ...dimensions). Dimension columns are named
 * `store_id`, `business_date` and the `columns` of `dimensions`; unknown dimension values are stored as ''.
 */
export interface FactTable {
  /** Unqualified table name; readers use the projection's read view of the same name. */
  readonly table: string;
  /** The projection that writes it. */
  readonly projection: string;
  readonly dimensions: readonly { readonly dimension: Exclude<KpiDimension, 'store'>; readonly column: string }[];
  readonly measures: readonly FactMeasure[];
}

/** Monthly sales targets, set by the store's SalesTargetSet events (per store and per consultant). */
export const SALES_TARGET_MEASURES = ['units', 'revenue'] as const;
export type SalesTargetMeasure = (typeof SALES_TARGET_MEASURES)[number];

/**
 * Monthly after-sales store targets: data per (store, month, measure), loaded by HQ into its read schema
 * (`store_targets`), per store only. Each is in the unit of the KPIs compared with it.
 */
export const STORE_TARGET_UNITS = {
  afterSalesRevenue: 'fen',
  repairVehicles: 'count',
  claimRepairOutput: 'fen',
  partsPurchases: 'fen',
  accessorySales: 'fen',
  renewalPremium: 'fen',
} as const satisfies Record<string, 'fen' | 'count'>;
export type StoreTargetMeasure = keyof typeof STORE_TARGET_UNITS;
export const STORE_TARGET_MEASURES = Object.keys(STORE_TARGET_UNITS) as StoreTargetMeasure[];
export const isStoreTargetMeasure = (measure: string): measure is StoreTargetMeasure => Object.hasOwn(STORE_TARGET_UNITS, measure);

/** Monthly targets a KPI can be compared with. */
export type TargetMeasure = SalesTargetMeasure | StoreTargetMeasure;

/**
 * One side of a formula: a fact column of a table; or (denominator only) the target for the period, or the
 * number of distinct values of a dimension with a fact row in the period (e.g. technicians who worked) —
 * counted in SQL per point, so it is exact over any stores and period although it is not a sum.
 */
export type FormulaTerm = FactTerm | { readonly target: SalesTargetMeasure } | { readonly distinct: Exclude<KpiDimension, 'store'> };

/**
 * A fact column. Read as a flow by default (Σ over the period's business dates). With `asOf: 'periodEnd'` it
 * is a balance: the column holds changes of a level (stock value), and the term is Σ over every business date
 * up to the period's end (or the queried range's end, if earlier) — the level at that date. Still additive
 * over stores, never over periods.
 */
export interface FactTerm {
  readonly fact: string;
  readonly asOf?: 'periodEnd';
}

/** A stated standard (docs/domain/targets.md) shown beside the KPI: the value should be ≥ or ≤ it. */
export interface KpiBenchmark {
  readonly op: '>=' | '<=';
  /** In the KPI's unit (fen for money, a fraction for a ratio). */
  readonly value: number;
  readonly per?: 'day' | 'month';
}

export interface KpiDefinition {
  /** Stable, dotted: `<domain>.<camelCase>`. Never renamed; a changed meaning bumps `version`. */
  readonly name: string;
  readonly domain: KpiDomain;
  readonly labels: { readonly en: string; readonly zh: string };
  readonly description: string;
  /** Bumped whenever the formula or a counted event changes meaning. */
  readonly version: number;
  readonly unit: KpiUnit;
  readonly formula: {
    /** The formula in words, in terms of named events. */
    readonly text: string;
    readonly numerator: FactTerm;
    readonly denominator?: FormulaTerm;
  };
  /** The fact table both terms are read from. */
  readonly factTable: FactTable;
  /**
   * Target shown beside the KPI (prorated by day for periods shorter than a month): a sales target (per store
   * and consultant) or an after-sales store target (per store).
   */
  readonly target?: TargetMeasure;
  /** Dimensions the KPI may be broken down by (all of the fact table's unless restricted). */
  readonly dimensions?: readonly KpiDimension[];
  /** The stated standard, when the domain names one; per-store monthly targets are data, not this. */
  readonly benchmark?: KpiBenchmark;
}

/** The fact column a formula term reads, if it reads one. */
export const factOf = (term: FormulaTerm | undefined): string | undefined => (term && 'fact' in term ? term.fact : undefined);

/** How any KPI aggregates over stores and periods; stated once so no reader invents another. */
export const aggregationOf = (kpi: KpiDefinition): string => {
  const d = kpi.formula.denominator;
  const n = kpi.formula.numerator.asOf === 'periodEnd' ? 'balance of the numerator at the period end' : 'sum of the numerator';
  if (d === undefined) return n;
  if ('fact' in d && d.asOf === 'periodEnd') return `${n} ÷ balance of the denominator at the period end`;
  if ('distinct' in d) return `${n} ÷ number of distinct ${d.distinct} values in the period`;
  return `${n} ÷ sum of the denominator`;
};
