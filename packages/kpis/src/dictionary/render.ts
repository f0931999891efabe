import { type FactMeasure, type FormulaTerm, type KpiBenchmark, type KpiDefinition, aggregationOf, factOf, isStoreTargetMeasure } from './types.js';

const term = (t: FormulaTerm, kpi: KpiDefinition): string =>
  'fact' in t
    ? `\`${kpi.factTable.table}.${t.fact}\`${t.asOf === 'periodEnd' ? ' (balance at period end)' : ''}`
    : 'distinct' in t
      ? `distinct \`${t.distinct}\` in \`${kpi.factTable.table}\``
      : `target \`${t.target}\` (SalesTargetSet)`;

const benchmarkText = (b: KpiBenchmark, kpi: KpiDefinition): string => {
  const value = kpi.unit === 'ratio' ? `${+(b.value * 100).toFixed(2)} %` : kpi.unit === 'fen' ? `${b.value} fen (${b.value / 100} 元)` : String(b.value);
  return ` Stated standard: ${b.op === '>=' ? '≥' : '≤'} ${value}${b.per ? ` per ${b.per}` : ''}.`;
};

const cell = (text: string): string => text.replaceAll('|', '\\|');

const TIME = "each event's `time`";

/** The date a fact is counted on: a named date field, or the business date of the event's `time`. */
const datedBy = (m: FactMeasure): string => m.datedBy ?? TIME;

const measureOf = (kpi: KpiDefinition, t: FormulaTerm | undefined): FactMeasure | undefined => {
  const column = factOf(t);
  return column === undefined ? undefined : kpi.factTable.measures.find((m) => m.column === column);
};

/** "Counted on" for a KPI: its numerator's date and, when it differs, its denominator's. */
const countedOn = (kpi: KpiDefinition): string => {
  const n = measureOf(kpi, kpi.formula.numerator);
  const d = measureOf(kpi, kpi.formula.denominator);
  const nText = n ? datedBy(n) : TIME;
  const dText = d ? datedBy(d) : undefined;
  const dates = dText === undefined || dText === nText ? nText : `${nText} (numerator); ${dText} (denominator)`;
  return `Counted on the business date, in the store's time zone, of ${dates}.`;
};

const targetText = (kpi: KpiDefinition): string =>
  kpi.target === undefined ? '—' : isStoreTargetMeasure(kpi.target) ? `${kpi.target} (store target)` : `${kpi.target} (SalesTargetSet)`;

/** Renders `docs/kpis.md` from the dictionary (`npm run -w @rooftop/kpis docs`); a unit test fails on drift. */
export const renderKpiDoc = (kpis: readonly KpiDefinition[]): string => {
  const lines = [
    '# KPI dictionary',
    '',
    '<!-- Generated from packages/kpis/src/dictionary by `npm run -w @rooftop/kpis docs`. Do not edit by hand. -->',
    '',
    'Every KPI is defined once in `@rooftop/kpis` and read unchanged by a store, by group HQ and by the gateway.',
    'Facts are additive counts and sums per (store, business date, and the dimensions of each fact table below); a',
    'KPI over any stores and any period is **Σ numerator ÷ Σ denominator** — never an average of per-day or per-store',
    'ratios. A few KPIs divide by the number of distinct values of a dimension in the period (e.g. technicians who',
    'worked), counted in SQL for each point, so they are exact too. A few are balances (stock value): their column',
    "holds changes of a level and the term is Σ over every date up to the period's end (or the range's end) — the",
    'level on that date, summed over stores but never over periods.',
    "Business dates are the event's `occurredAt` in the store's time zone (default Asia/Shanghai). Money is in fen.",
    'Targets are monthly; for a period shorter than a month the target is prorated by day (monthly target × days',
    'of the period in that month ÷ days in the month), and over several stores it is the sum of theirs. Sales',
    "targets come from the stores' SalesTargetSet events (per store and per consultant). After-sales store targets",
    '(`(store target)` below) are data per (store, month, measure) that HQ loads (`hq -- targets load`, docs/hq.md)',
    "into its read schema's `store_targets`; a store's own read schema has none, so at store scope those KPIs have no",
    'target. Each load moves a generation that is part of the `KpiQueryCache` key.',
    '',
    'Read KPIs with `queryKpis(pool, { names, storeIds, from, to, granularity: DAY|WEEK|MONTH|QUARTER|YEAR, by })`',
    "(`@rooftop/kpis`): `by` is store and any dimension of the KPI's fact table (sales: brand, model, channel,",
    'consultant; workshop: brand, roType, serviceAdvisor, and technician for the technician table); each point is',
    '`{ name, period, periodEnd, storeId?, dimensions, value, numerator, denominator, unit, target, attainment }`.',
    'Weeks start on Monday. Sales targets exist per store and per consultant, so a breakdown by brand, model or',
    'channel has no target; store targets exist per store, so any breakdown but store has none. Stated standards',
    '(docs/domain/targets.md) are listed with their KPI; ratio standards (CSI, comeback rate, …) stay standards, not targets: a',
    'ratio target neither prorates nor sums over stores.',
    'Why the definitions live in a shared package: `docs/adr/0003-kpi-facts-in-a-shared-package.md`.',
    '',
  ];
  const domains = [...new Set(kpis.map((k) => k.domain))];
  for (const domain of domains) {
    lines.push(
      `## ${domain}`,
      '',
      '| name | en | zh | unit | version | formula | numerator | denominator | target | aggregation |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const kpi of kpis.filter((k) => k.domain === domain)) {
      lines.push(
        `| \`${kpi.name}\` | ${cell(kpi.labels.en)} | ${cell(kpi.labels.zh)} | ${kpi.unit} | ${kpi.version} | ${cell(kpi.formula.text)} | ${term(kpi.formula.numerator, kpi)} | ${
          kpi.formula.denominator ? term(kpi.formula.denominator, kpi) : '—'
        } | ${targetText(kpi)} | ${aggregationOf(kpi)} |`,
      );
    }
    lines.push('');
    for (const kpi of kpis.filter((k) => k.domain === domain)) {
      const dims = kpi.dimensions ? ` Breakdowns: ${kpi.dimensions.join(', ')}.` : '';
      const standard = kpi.benchmark ? benchmarkText(kpi.benchmark, kpi) : '';
      lines.push(`- **\`${kpi.name}\`** — ${kpi.description}${dims}${standard} ${countedOn(kpi)}`);
    }
    lines.push('');
    const tables = [...new Map(kpis.filter((k) => k.domain === domain).map((k) => [k.factTable.table, k.factTable])).values()];
    for (const table of tables) {
      lines.push(
        `### Fact table \`${table.table}\` (projection \`${table.projection}\`)`,
        '',
        `Keyed by \`store_id\`, \`business_date\`, ${table.dimensions.map((d) => `\`${d.column}\``).join(', ')} (unknown values are \`''\`).`,
        '',
        '| column | events | counted on | meaning |',
        '| --- | --- | --- | --- |',
        ...table.measures.map((m) => `| \`${m.column}\` | ${m.events.join(', ')} | ${cell(datedBy(m))} | ${cell(m.description)} |`),
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
};
