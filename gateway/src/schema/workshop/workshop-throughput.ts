import { queryKpis } from '@rooftop/kpis';
import { builder } from '../../builder.js';
import { authorizeKpiRead } from '../kpis/kpi-access.js';
import { ratio, sumPoints } from '../kpis/kpi-rows.js';
import { rethrowTyped } from '../typed-errors.js';

const KPIS = [
  'workshop.vehiclesIn',
  'workshop.rosInvoiced',
  'workshop.output',
  'workshop.labourOutput',
  'workshop.partsOutput',
  'workshop.comebackRate',
] as const;

export interface ThroughputRow {
  readonly roType: string | null;
  readonly vehiclesIn: number;
  readonly rosInvoiced: number;
  readonly outputFen: number;
  readonly labourFen: number;
  readonly partsFen: number;
  readonly comebacks: number;
}

const WorkshopThroughputRow = builder.objectRef<ThroughputRow>('WorkshopThroughputRow').implement({
  description: 'One repair-order type over the range: vehicles in, repair orders invoiced and their output.',
  fields: (t) => ({
    roType: t.string({
      nullable: true,
      description: 'maintenance, first_service, repair, warranty, insurance_claim, body_paint, campaign_inspection.',
      resolve: (r) => r.roType,
    }),
    vehiclesIn: t.exposeInt('vehiclesIn', { description: 'Repair orders opened.' }),
    rosInvoiced: t.exposeInt('rosInvoiced'),
    outputFen: t.float({ description: 'Σ labour + parts invoiced, fen.', resolve: (r) => r.outputFen }),
    labourFen: t.float({ resolve: (r) => r.labourFen }),
    partsFen: t.float({ resolve: (r) => r.partsFen }),
    outputPerInvoicedRo: t.float({ nullable: true, description: 'outputFen ÷ rosInvoiced', resolve: (r) => ratio(r.outputFen, r.rosInvoiced) }),
    comebacks: t.exposeInt('comebacks', { description: 'Repair orders opened as a comeback of an earlier one.' }),
    comebackRate: t.float({ nullable: true, description: 'comebacks ÷ vehiclesIn', resolve: (r) => ratio(r.comebacks, r.vehiclesIn) }),
  }),
});

builder.queryField('workshopThroughput', (t) =>
  t.field({
    nullable: true,
    type: [WorkshopThroughputRow],
    description: 'Workshop throughput by repair-order type over the stores in scope (or those named), from the workshop KPI facts.',
    args: {
      storeIds: t.arg.idList({ required: false }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeKpiRead(ctx.auth, ctx.deployment, KPIS, args.storeIds?.map(String));
      const points = await rethrowTyped(() =>
        queryKpis(
          ctx.db,
          { names: [...KPIS], storeIds, from: args.from, to: args.to, granularity: 'YEAR', by: ['roType'] },
          { readSchema: ctx.readSchema, cache: ctx.kpiCache },
        ),
      );
      const rows = sumPoints(points, (p) => p.dimensions.roType ?? '');
      return [...rows.entries()]
        .map(([roType, sums]): ThroughputRow => {
          const n = (name: (typeof KPIS)[number]) => sums.get(name)?.numerator ?? 0;
          return {
            roType: roType === '' ? null : roType,
            vehiclesIn: n('workshop.vehiclesIn'),
            rosInvoiced: n('workshop.rosInvoiced'),
            outputFen: n('workshop.output'),
            labourFen: n('workshop.labourOutput'),
            partsFen: n('workshop.partsOutput'),
            comebacks: n('workshop.comebackRate'),
          };
        })
        .sort((a, b) => b.vehiclesIn - a.vehiclesIn || (a.roType ?? '').localeCompare(b.roType ?? ''));
    },
  }),
);
