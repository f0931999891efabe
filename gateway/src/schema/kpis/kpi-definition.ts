import { KPI_DIMENSIONS, KPI_UNITS, type KpiDefinition, type KpiDimension, type KpiUnit, aggregationOf, kpiDictionary } from '@rooftop/kpis';
import { authorizeRead, READ_ROLES } from '../../auth/scope.js';
import { builder } from '../../builder.js';

/** `serviceAdvisor` → `SERVICE_ADVISOR`: GraphQL enum names for the dictionary's values. */
export const enumName = (value: string): string => value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

// Both enums follow the KPI package, so a dimension or unit added there appears here without an edit.
export const KpiUnitEnum = builder.enumType('KpiUnit', {
  description: 'count, ratio, fen (money in 1/100 yuan) or days.',
  values: Object.fromEntries(KPI_UNITS.map((u) => [enumName(u), { value: u }])) as Record<string, { value: KpiUnit }>,
});

export const KpiDimensionEnum = builder.enumType('KpiDimension', {
  description: 'A breakdown of KPI facts; each KPI allows the dimensions of its fact table (see KpiDefinition.dimensions).',
  values: Object.fromEntries(KPI_DIMENSIONS.map((d) => [enumName(d), { value: d }])) as Record<string, { value: KpiDimension }>,
});

const KpiLabels = builder.objectRef<KpiDefinition['labels']>('KpiLabels').implement({
  fields: (t) => ({ en: t.exposeString('en'), zh: t.exposeString('zh') }),
});

const KpiFormula = builder.objectRef<KpiDefinition>('KpiFormula').implement({
  description: 'How a KPI is computed from additive facts.',
  fields: (t) => ({
    text: t.string({ description: 'The formula in terms of named events.', resolve: (k) => k.formula.text }),
    numerator: t.string({ description: 'Fact column summed for the numerator.', resolve: (k) => k.formula.numerator.fact }),
    denominator: t.string({
      nullable: true,
      description:
        'Fact column summed for the denominator (`target:<measure>` for a target, `distinct:<dimension>` for a count of distinct values); null for a count or sum.',
      resolve: (k) => {
        const d = k.formula.denominator;
        return !d ? null : 'fact' in d ? d.fact : 'target' in d ? `target:${d.target}` : `distinct:${d.distinct}`;
      },
    }),
    aggregation: t.string({ description: 'How it aggregates over stores and periods.', resolve: (k) => aggregationOf(k) }),
  }),
});

export const KpiDefinitionRef = builder.objectRef<KpiDefinition>('KpiDefinition').implement({
  description: 'One KPI of the dictionary (docs/kpis.md).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Stable dotted name, e.g. sales.closeRate.' }),
    domain: t.exposeString('domain'),
    labels: t.field({ type: KpiLabels, resolve: (k) => k.labels }),
    description: t.exposeString('description'),
    formula: t.field({ type: KpiFormula, resolve: (k) => k }),
    unit: t.field({ type: KpiUnitEnum, resolve: (k) => k.unit }),
    version: t.exposeInt('version'),
    target: t.string({
      nullable: true,
      description:
        'Target measure shown beside it: a sales target (units, revenue; from SalesTargetSet events) or an after-sales store target loaded by HQ (afterSalesRevenue, repairVehicles, claimRepairOutput, partsPurchases, accessorySales, renewalPremium).',
      resolve: (k) => k.target ?? null,
    }),
    dimensions: t.field({
      type: [KpiDimensionEnum],
      description: 'Dimensions it may be broken down by.',
      resolve: (k) => [...(k.dimensions ?? ['store', ...k.factTable.dimensions.map((d) => d.dimension)])],
    }),
  }),
});

builder.queryField('kpiDefinitions', (t) =>
  t.field({
    nullable: true,
    type: [KpiDefinitionRef],
    description: 'The KPI dictionary.',
    resolve: (_root, _args, ctx) => {
      authorizeRead(ctx.auth, ctx.deployment, { roles: READ_ROLES.any });
      return [...kpiDictionary];
    },
  }),
);
