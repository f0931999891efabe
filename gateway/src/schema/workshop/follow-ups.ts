import { resolveArrayConnection } from '@pothos/plugin-relay';
import { queryKpis } from '@rooftop/kpis';
import { builder } from '../../builder.js';
import { authorizeKpiRead } from '../kpis/kpi-access.js';
import { KpiGranularityEnum } from '../kpis/kpi-point.js';
import { ratio, sumPoints } from '../kpis/kpi-rows.js';
import { DEFAULT_PAGE, MAX_PAGE, checkPage } from '../pages.js';
import { rethrowTyped } from '../typed-errors.js';

const KPIS = ['workshop.followUpOnTimeRate', 'workshop.followUpsOverdue'] as const;

export interface FollowUpRow {
  readonly storeId: string;
  readonly period: string;
  readonly due: number;
  readonly onTime: number;
  readonly overdue: number;
}

const FollowUpSummaryRow = builder.objectRef<FollowUpRow>('FollowUpSummaryRow').implement({
  description: "One store's after-service follow-ups in one period: calls that fell due, made on time, and marked overdue.",
  fields: (t) => ({
    storeId: t.exposeID('storeId'),
    period: t.field({ type: 'Date', description: 'First day of the period.', resolve: (r) => r.period }),
    due: t.exposeInt('due', { description: 'Follow-ups opened (vehicles released) in the period.' }),
    onTime: t.exposeInt('onTime', { description: 'Of those, first calls made within their window.' }),
    overdue: t.exposeInt('overdue', { description: 'Calls marked overdue in the period (FollowUpOverdue).' }),
    onTimeRate: t.float({ nullable: true, description: 'onTime ÷ due', resolve: (r) => ratio(r.onTime, r.due) }),
  }),
});

builder.queryField('followUps', (t) =>
  t.connection({
    nullable: true,
    type: FollowUpSummaryRow,
    description: 'Follow-ups due, on time and overdue per store and period (newest first), from the workshop KPI facts.',
    args: {
      storeIds: t.arg.idList({ required: false }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      granularity: t.arg({ type: KpiGranularityEnum, required: false, defaultValue: 'WEEK' }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeKpiRead(ctx.auth, ctx.deployment, KPIS, args.storeIds?.map(String));
      checkPage(args);
      const points = await rethrowTyped(() =>
        queryKpis(
          ctx.db,
          { names: [...KPIS], storeIds, from: args.from, to: args.to, granularity: args.granularity ?? 'WEEK', by: ['store'] },
          { readSchema: ctx.readSchema, cache: ctx.kpiCache },
        ),
      );
      const rows = [...sumPoints(points, (p) => `${p.period}|${p.storeId ?? ''}`).entries()]
        .map(([key, sums]): FollowUpRow => {
          const [period, storeId] = key.split('|') as [string, string];
          const onTime = sums.get('workshop.followUpOnTimeRate');
          return {
            storeId,
            period,
            due: onTime?.denominator ?? 0,
            onTime: onTime?.numerator ?? 0,
            overdue: sums.get('workshop.followUpsOverdue')?.numerator ?? 0,
          };
        })
        .sort((a, b) => b.period.localeCompare(a.period) || a.storeId.localeCompare(b.storeId));
      return resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE, maxSize: MAX_PAGE }, rows);
    },
  }),
);
