import { ValidationError } from '@rooftop/eventsourcing';
import { kpisNamed } from '../dictionary/index.js';
import {
  type FactTable,
  type FactTerm,
  type KpiDefinition,
  type KpiDimension,
  type KpiUnit,
  type StoreTargetMeasure,
  type TargetMeasure,
  isStoreTargetMeasure,
} from '../dictionary/types.js';
import { SALES_TARGETS_PROJECTION } from '../sales/facts.js';
import { type KpiQueryCache } from './cache.js';
import { type KpiQuery, type ParsedKpiQuery, assertReadSchema, parseKpiQuery, periodEnd } from './params.js';
import { type GroupRow, type Queryable, balanceAlias, balanceFacts, distinctAlias, sumFacts, sumTargets } from './sql.js';
import { storeTargetsGeneration, sumStoreTargets } from './store-targets.js';

export interface KpiPoint {
  readonly name: string;
  /** First day of the period (weeks start on Monday); `periodEnd` is its last day. */
  readonly period: string;
  readonly periodEnd: string;
  /** Present when the query is broken down by store. */
  readonly storeId?: string;
  /** The requested breakdown (store aside); null = not recorded on the events (e.g. a lead without a model). */
  readonly dimensions: Partial<Record<Exclude<KpiDimension, 'store'>, string | null>>;
  /** numerator ÷ denominator, or the numerator for a count/sum KPI; null when the denominator is 0 or missing. */
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly unit: KpiUnit;
  /** The period's target (prorated by day below a month), when the KPI has one and the breakdown allows it. */
  readonly target: number | null;
  /** value ÷ target. */
  readonly attainment: number | null;
}

export interface QueryKpisOptions {
  /** Schema of the projections' read views (default `read`, the runner's default). */
  readonly readSchema?: string;
  /** Serve repeated queries from this cache while the projections behind them have not moved. */
  readonly cache?: KpiQueryCache | undefined;
}

/** Sales targets exist per store and per consultant only; store targets (after-sales) per store only. */
const TARGET_DIMENSIONS: readonly KpiDimension[] = ['store', 'consultant'];

const hasSalesTarget = (kpi: KpiDefinition): boolean => kpi.target !== undefined && !isStoreTargetMeasure(kpi.target);

/** The store-target measures the KPIs are compared with, if the breakdown allows store targets at all. */
const storeTargetMeasures = (kpis: readonly KpiDefinition[], by: readonly KpiDimension[]): StoreTargetMeasure[] =>
  by.every((d) => d === 'store') ? [...new Set(kpis.flatMap((kpi) => (kpi.target !== undefined && isStoreTargetMeasure(kpi.target) ? [kpi.target] : [])))] : [];

const keyOf = (period: string, dims: GroupRow['dims'], by: readonly KpiDimension[]): string => [period, ...by.map((d) => dims[d] ?? '')].join('\u0000');

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);

const checkDimensions = (kpis: readonly KpiDefinition[], by: readonly KpiDimension[]): void => {
  const issues = kpis.flatMap((kpi) => {
    const allowed: readonly KpiDimension[] = kpi.dimensions ?? ['store', ...kpi.factTable.dimensions.map((d) => d.dimension)];
    return by.filter((d) => !allowed.includes(d)).map((d) => ({ path: 'by', message: `${kpi.name} cannot be broken down by ${d}` }));
  });
  if (issues.length > 0) throw new ValidationError(`KPI query is invalid: ${issues.map((i) => i.message).join('; ')}`, issues);
};

/**
 * KPIs from the fact tables: one set-based query per fact table (Σ of every column the requested KPIs need,
 * per period and breakdown) plus one for targets, then value = Σ numerator ÷ Σ denominator per point.
 * Bad input (unknown KPI, bad dates, unsupported breakdown) is a typed ValidationError.
 */
export const queryKpis = async (db: Queryable, query: KpiQuery, options: QueryKpisOptions = {}): Promise<KpiPoint[]> => {
  const q = parseKpiQuery(query);
  const readSchema = options.readSchema ?? 'read';
  assertReadSchema(readSchema);
  const kpis = kpisNamed(q.names);
  checkDimensions(kpis, q.by);
  const wantedStoreTargets = storeTargetMeasures(kpis, q.by);
  // Read before the targets: null when this schema holds no store targets (a store's read schema). Part of the
  // cache key, so a target load (which moves it) is never answered from an entry computed before it.
  const generation = wantedStoreTargets.length > 0 ? await storeTargetsGeneration(db, readSchema) : null;
  const storeMeasures = generation === null ? [] : wantedStoreTargets;
  if (!options.cache) return computeKpis(db, q, kpis, readSchema, storeMeasures);
  const key = JSON.stringify(['queryKpis', readSchema, q.names, [...q.storeIds].sort(), q.from, q.to, q.granularity, q.by, generation]);
  const projections = new Set(kpis.map((kpi) => kpi.factTable.projection));
  if (kpis.some((kpi) => hasSalesTarget(kpi) || (kpi.formula.denominator !== undefined && 'target' in kpi.formula.denominator)))
    projections.add(SALES_TARGETS_PROJECTION);
  return [...(await options.cache.through(db, key, [...projections].sort(), () => computeKpis(db, q, kpis, readSchema, storeMeasures), readSchema))];
};

const computeKpis = async (
  db: Queryable,
  q: ParsedKpiQuery,
  kpis: readonly KpiDefinition[],
  readSchema: string,
  storeMeasures: readonly StoreTargetMeasure[],
): Promise<KpiPoint[]> => {
  const range = { storeIds: q.storeIds, from: q.from, to: q.to, granularity: q.granularity };

  const tables = new Map<string, { table: FactTable; columns: Set<string>; balances: Set<string>; distinct: Set<KpiDimension> }>();
  for (const kpi of kpis) {
    const entry = tables.get(kpi.factTable.table) ?? {
      table: kpi.factTable,
      columns: new Set<string>(),
      balances: new Set<string>(),
      distinct: new Set<KpiDimension>(),
    };
    const addTerm = (t: FactTerm) => (t.asOf === 'periodEnd' ? entry.balances : entry.columns).add(t.fact);
    addTerm(kpi.formula.numerator);
    const d = kpi.formula.denominator;
    if (d && 'fact' in d) addTerm(d);
    if (d && 'distinct' in d) entry.distinct.add(d.distinct);
    tables.set(kpi.factTable.table, entry);
  }
  const facts = new Map<string, GroupRow[]>();
  for (const [name, { table, columns, balances, distinct }] of tables) {
    const flows = columns.size > 0 || distinct.size > 0 ? await sumFacts(db, readSchema, table, [...columns], q.by, range, [...distinct]) : [];
    facts.set(name, mergeRows(flows, await balanceFacts(db, readSchema, table, [...balances], q.by, range), q.by));
  }

  const targetsApply = q.by.every((d) => TARGET_DIMENSIONS.includes(d));
  const wantsTargets = targetsApply && kpis.some(hasSalesTarget);
  const targets = new Map((wantsTargets ? await sumTargets(db, readSchema, q.by, range) : []).map((row) => [keyOf(row.period, row.dims, q.by), row]));
  const storeTargets = new Map(
    (storeMeasures.length > 0 ? await sumStoreTargets(db, readSchema, q.by, range, storeMeasures) : []).map((row) => [keyOf(row.period, row.dims, q.by), row]),
  );
  const targetOf = (kpi: KpiDefinition, key: string): number | null => {
    if (kpi.target === undefined) return null;
    if (isStoreTargetMeasure(kpi.target)) return storeMeasures.includes(kpi.target) ? (storeTargets.get(key)?.sums[kpi.target] ?? null) : null;
    return targetsApply ? (targets.get(key)?.sums[kpi.target] ?? null) : null;
  };

  return kpis.flatMap((kpi) => {
    const rows = new Map(facts.get(kpi.factTable.table)!.map((row) => [keyOf(row.period, row.dims, q.by), row]));
    const denominator = kpi.formula.denominator;
    // A KPI measured against its target has a point wherever there is a fact or a target.
    if (denominator && 'target' in denominator) for (const [key, row] of targets) if (!rows.has(key)) rows.set(key, { ...row, sums: {} });
    const points = [...rows.entries()].map(([key, row]) => {
      const target = targetOf(kpi, key);
      const numerator = row.sums[termKey(kpi.formula.numerator)] ?? 0;
      const denominatorValue = !denominator
        ? null
        : 'fact' in denominator
          ? (row.sums[termKey(denominator)] ?? 0)
          : 'distinct' in denominator
            ? (row.sums[distinctAlias(denominator.distinct)] ?? 0)
            : targetValue(targets.get(key), denominator.target);
      const value = denominator ? ratio(numerator, denominatorValue) : numerator;
      const { store, ...rest } = row.dims;
      const point: KpiPoint = {
        name: kpi.name,
        period: row.period,
        periodEnd: periodEnd(row.period, q.granularity),
        ...(q.by.includes('store') ? { storeId: store ?? '' } : {}),
        dimensions: Object.fromEntries(Object.entries(rest).map(([d, v]) => [d, v === '' ? null : v])),
        value,
        numerator,
        denominator: denominatorValue,
        unit: kpi.unit,
        target,
        attainment: ratio(value, target),
      };
      return point;
    });
    return points.sort((a, b) => compareKeys(a, b));
  });
};

/** Where a fact term's value sits in a GroupRow's sums. */
const termKey = (t: FactTerm): string => (t.asOf === 'periodEnd' ? balanceAlias(t.fact) : t.fact);

/** Flow and balance rows of one table, merged per (period, breakdown). */
const mergeRows = (flows: readonly GroupRow[], balances: readonly GroupRow[], by: readonly KpiDimension[]): GroupRow[] => {
  if (balances.length === 0) return [...flows];
  const merged = new Map(flows.map((row) => [keyOf(row.period, row.dims, by), row]));
  for (const row of balances) {
    const key = keyOf(row.period, row.dims, by);
    const flow = merged.get(key);
    merged.set(key, flow ? { ...flow, sums: { ...flow.sums, ...row.sums } } : row);
  }
  return [...merged.values()];
};

const targetValue = (row: GroupRow | undefined, measure: TargetMeasure): number | null => row?.sums[measure] ?? null;

const compareKeys = (a: KpiPoint, b: KpiPoint): number =>
  a.period.localeCompare(b.period) ||
  (a.storeId ?? '').localeCompare(b.storeId ?? '') ||
  JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions));
