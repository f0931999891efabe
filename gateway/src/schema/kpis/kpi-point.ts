import { KPI_DIMENSIONS, KPI_GRANULARITIES, type KpiDimension, type KpiPoint, type Queryable, queryKpis } from '@rooftop/kpis';
import { builder } from '../../builder.js';
import { rethrowTyped } from '../typed-errors.js';
import { authorizeKpiRead } from './kpi-access.js';
import { KpiDimensionEnum, KpiUnitEnum } from './kpi-definition.js';

export const KpiGranularityEnum = builder.enumType('KpiGranularity', { values: KPI_GRANULARITIES });

const KpiDimensionValues = builder.objectRef<KpiPoint['dimensions']>('KpiDimensionValues').implement({
  description: 'The breakdown of a point; a requested dimension the events did not record is null.',
  fields: (t) =>
    Object.fromEntries(KPI_DIMENSIONS.filter((d) => d !== 'store').map((d) => [d, t.string({ nullable: true, resolve: (values) => values[d] ?? null })])),
});

export const KpiPointRef = builder.objectRef<KpiPoint>('KpiPoint').implement({
  description: 'A KPI for one period (and breakdown): value = Σ numerator ÷ Σ denominator, never an average of ratios.',
  fields: (t) => ({
    name: t.exposeString('name'),
    period: t.field({ type: 'Date', description: 'First day of the period (weeks start on Monday).', resolve: (p) => p.period }),
    periodEnd: t.field({ type: 'Date', description: 'Last day of the period.', resolve: (p) => p.periodEnd }),
    storeId: t.id({ nullable: true, description: 'Set when broken down by STORE.', resolve: (p) => p.storeId ?? null }),
    dimensions: t.field({ type: KpiDimensionValues, resolve: (p) => p.dimensions }),
    value: t.float({ nullable: true, description: 'null when the denominator is 0.', resolve: (p) => p.value }),
    numerator: t.float({ resolve: (p) => p.numerator }),
    denominator: t.float({ nullable: true, resolve: (p) => p.denominator }),
    unit: t.field({ type: KpiUnitEnum, resolve: (p) => p.unit }),
    target: t.float({ nullable: true, resolve: (p) => p.target }),
    attainment: t.float({ nullable: true, description: 'value ÷ target.', resolve: (p) => p.attainment }),
  }),
});

builder.queryField('kpis', (t) =>
  t.field({
    nullable: true,
    type: [KpiPointRef],
    description: 'KPIs of the dictionary over the stores in scope (all of them when storeIds is omitted).',
    args: {
      names: t.arg.stringList({ required: true }),
      storeIds: t.arg.idList({ required: false }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      granularity: t.arg({ type: KpiGranularityEnum, required: true }),
      by: t.arg({ type: [KpiDimensionEnum], required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeKpiRead(ctx.auth, ctx.deployment, args.names, args.storeIds?.map(String));
      const by = (args.by ?? []) as KpiDimension[];
      return rethrowTyped(() =>
        queryKpis(
          ctx.db,
          { names: args.names, storeIds, from: args.from, to: args.to, granularity: args.granularity, by },
          { readSchema: ctx.readSchema, cache: ctx.kpiCache },
        ),
      );
    },
  }),
);

export interface StoreRow {
  readonly storeId: string;
}

// 42P01: undefined_table. An HQ read schema holds the store directory (`<schema>.stores`, written by the
// hq-projector's loader); a schema without one answers null rather than failing the whole query.
const directoryTimeZone = async (db: Queryable, readSchema: string, storeId: string): Promise<string | null> => {
  try {
    const { rows } = await db.query<{ time_zone: string }>(`SELECT time_zone FROM ${readSchema}.stores WHERE store_id = $1`, [storeId]);
    return rows[0]?.time_zone ?? null;
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return null;
    throw error;
  }
};

const StoreRef = builder.objectRef<StoreRow>('Store').implement({
  description: 'A store in your scope.',
  fields: (t) => ({
    storeId: t.exposeID('storeId'),
    timeZone: t.string({
      nullable: true,
      description:
        "The store's IANA time zone (e.g. Asia/Shanghai): its business dates, and so every KPI's days, are counted in it. Null at HQ for a store not in the directory.",
      resolve: (store, _args, ctx) =>
        ctx.deployment.kind === 'store' ? (ctx.storeTimeZone ?? null) : directoryTimeZone(ctx.db, ctx.readSchema, store.storeId),
    }),
    kpis: t.field({
      type: [KpiPointRef],
      description: "This store's KPIs; over a list of stores, one query serves them all.",
      args: {
        names: t.arg.stringList({ required: true }),
        from: t.arg({ type: 'Date', required: true }),
        to: t.arg({ type: 'Date', required: true }),
        granularity: t.arg({ type: KpiGranularityEnum, required: true }),
        by: t.arg({ type: [KpiDimensionEnum], required: false, description: 'Breakdown besides the store.' }),
      },
      resolve: async (store, args, ctx) => {
        authorizeKpiRead(ctx.auth, ctx.deployment, args.names, [store.storeId]);
        const by = ((args.by ?? []) as KpiDimension[]).filter((d): d is Exclude<KpiDimension, 'store'> => d !== 'store');
        return rethrowTyped(() =>
          ctx.loaders.storeKpis.load({ storeId: store.storeId, names: args.names, from: args.from, to: args.to, granularity: args.granularity, by }),
        );
      },
    }),
  }),
});

builder.queryField('stores', (t) =>
  t.field({
    nullable: true,
    type: [StoreRef],
    description: 'The stores you may read here.',
    resolve: (_root, _args, ctx) => authorizeKpiRead(ctx.auth, ctx.deployment, []).map((storeId) => ({ storeId })),
  }),
);
