import { type KpiDefinition, aggregationOf, kpiDictionary } from '@rooftop/kpis';
import { authorizeRead, READ_ROLES } from '../../auth/scope.js';
import { builder } from '../../builder.js';

export const KpiUnitEnum = builder.enumType('KpiUnit', {
  values: { COUNT: { value: 'count' }, RATIO: { value: 'ratio' }, FEN: { value: 'fen', description: 'Money in fen (1/100 yuan)' }, DAYS: { value: 'days' } } as const,
});

export const KpiDimensionEnum = builder.enumType('KpiDimension', {
  values: { STORE: { value: 'store' }, BRAND: { value: 'brand' }, MODEL: { value: 'model' }, CHANNEL: { value: 'channel' }, CONSULTANT: { value: 'consultant' } } as const,
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
      description: 'Fact column (or `target:<measure>`) summed for the denominator; null for a count or sum.',
      resolve: (k) => (!k.formula.denominator ? null : 'fact' in k.formula.denominator ? k.formula.denominator.fact : `target:${k.formula.denominator.target}`),
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
    target: t.string({ nullable: true, description: 'Target measure shown beside it (units, revenue).', resolve: (k) => k.target ?? null }),
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
