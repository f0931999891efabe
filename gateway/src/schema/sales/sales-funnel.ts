import { type KpiPoint, queryKpis } from '@rooftop/kpis';
import { builder } from '../../builder.js';
import { authorizeKpiRead } from '../kpis/kpi-access.js';
import { rethrowTyped } from '../typed-errors.js';

/** The KPI behind each funnel step; the row's ratios are recomputed from the summed terms, never averaged. */
const STEPS = ['sales.leads', 'sales.arrivalRate', 'sales.firstVisits', 'sales.testDriveRate', 'sales.orders', 'sales.deliveries'] as const;

export interface FunnelRow {
  readonly channel: string | null;
  readonly leads: number;
  readonly visitedLeads: number;
  readonly firstVisits: number;
  readonly testDrives: number;
  readonly orders: number;
  readonly deliveries: number;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Folds the points of every period of the range into one row per channel. */
export const funnelRows = (points: readonly KpiPoint[]): FunnelRow[] => {
  const rows = new Map<string, { -readonly [K in keyof FunnelRow]: FunnelRow[K] }>();
  for (const p of points) {
    const channel = p.dimensions.channel ?? null;
    const key = channel ?? '';
    const row = rows.get(key) ?? { channel, leads: 0, visitedLeads: 0, firstVisits: 0, testDrives: 0, orders: 0, deliveries: 0 };
    if (p.name === 'sales.leads') row.leads += p.numerator;
    if (p.name === 'sales.arrivalRate') row.visitedLeads += p.numerator;
    if (p.name === 'sales.firstVisits') row.firstVisits += p.numerator;
    if (p.name === 'sales.testDriveRate') row.testDrives += p.numerator;
    if (p.name === 'sales.orders') row.orders += p.numerator;
    if (p.name === 'sales.deliveries') row.deliveries += p.numerator;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.leads - a.leads || (a.channel ?? '').localeCompare(b.channel ?? ''));
};

const SalesFunnelRow = builder.objectRef<FunnelRow>('SalesFunnelRow').implement({
  description: 'One lead channel: leads → visits → test drives → orders → deliveries over the range.',
  fields: (t) => ({
    channel: t.string({ nullable: true, description: 'Lead channel (walk_in, phone_in, online, ...); null when not recorded.', resolve: (r) => r.channel }),
    leads: t.exposeInt('leads'),
    visitedLeads: t.exposeInt('visitedLeads', { description: 'Leads (captured in the range) that visited the showroom.' }),
    firstVisits: t.exposeInt('firstVisits'),
    testDrives: t.exposeInt('testDrives'),
    orders: t.exposeInt('orders', { description: 'Orders signed and not cancelled.' }),
    deliveries: t.exposeInt('deliveries'),
    arrivalRate: t.float({ nullable: true, description: 'visitedLeads ÷ leads', resolve: (r) => ratio(r.visitedLeads, r.leads) }),
    testDriveRate: t.float({ nullable: true, description: 'testDrives ÷ firstVisits', resolve: (r) => ratio(r.testDrives, r.firstVisits) }),
    closeRate: t.float({ nullable: true, description: 'orders ÷ leads', resolve: (r) => ratio(r.orders, r.leads) }),
  }),
});

builder.queryField('salesFunnel', (t) =>
  t.field({
    nullable: true,
    type: [SalesFunnelRow],
    description: 'Sales funnel by lead channel over the stores in scope (or those named), from the KPI facts.',
    args: {
      storeIds: t.arg.idList({ required: false }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeKpiRead(ctx.auth, ctx.deployment, STEPS, args.storeIds?.map(String));
      // YEAR periods keep the query to a handful of rows; the fold sums them over the whole range.
      const points = await rethrowTyped(() =>
        queryKpis(
          ctx.db,
          { names: [...STEPS], storeIds, from: args.from, to: args.to, granularity: 'YEAR', by: ['channel'] },
          { readSchema: ctx.readSchema, cache: ctx.kpiCache },
        ),
      );
      return funnelRows(points);
    },
  }),
);
