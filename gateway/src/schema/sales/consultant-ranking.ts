import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { type KpiQueryCache, type Queryable, salesFactTable } from '@rooftop/kpis';
import { GraphQLError } from '../../graphql.js';
import { READ_ROLES, authorizeRead } from '../../auth/scope.js';
import { builder } from '../../builder.js';
import { DEFAULT_PAGE, MAX_PAGE, checkPage } from '../pages.js';

export interface RankingRow {
  readonly rank: number;
  readonly storeId: string;
  readonly consultantId: string;
  readonly leads: number;
  readonly orders: number;
  readonly deliveries: number;
  readonly revenueFen: number;
}

const RankingMetric = builder.enumType('ConsultantRankingMetric', {
  values: { DELIVERIES: { value: 'deliveries' }, ORDERS: { value: 'orders' }, REVENUE: { value: 'revenue_fen' }, LEADS: { value: 'leads' } } as const,
});

interface RankingQuery {
  readonly storeIds: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly metric: 'deliveries' | 'orders' | 'revenue_fen' | 'leads';
}

/** One page of the ranking, ranked and cut in SQL (the fact table's columns come from the KPI package). */
export const rankingPage = async (db: Queryable, readSchema: string, q: RankingQuery, page: { offset: number; limit: number }): Promise<RankingRow[]> => {
  const { rows } = await db.query<{
    rank: string;
    store_id: string;
    consultant_id: string;
    leads: string;
    orders: string;
    deliveries: string;
    revenue_fen: string;
  }>(
    `SELECT rank() OVER (ORDER BY sum(${q.metric}) DESC)::text AS rank, store_id, consultant_id,
            sum(leads)::text AS leads, sum(orders)::text AS orders, sum(deliveries)::text AS deliveries, sum(revenue_fen)::text AS revenue_fen
       FROM ${readSchema}.${salesFactTable.table}
      WHERE store_id = ANY($1::text[]) AND business_date BETWEEN $2::date AND $3::date AND consultant_id <> ''
      GROUP BY store_id, consultant_id
      ORDER BY sum(${q.metric}) DESC, store_id, consultant_id
      LIMIT $4 OFFSET $5`,
    [q.storeIds, q.from, q.to, page.limit, page.offset],
  );
  return rows.map((r) => ({
    rank: Number(r.rank),
    storeId: r.store_id,
    consultantId: r.consultant_id,
    leads: Number(r.leads),
    orders: Number(r.orders),
    deliveries: Number(r.deliveries),
    revenueFen: Number(r.revenue_fen),
  }));
};

/** A page through the KPI result cache when the gateway has one (valid while the sales facts' checkpoint — at HQ the projector's — stands still). */
const cachedRankingPage = (
  cache: KpiQueryCache | undefined,
  db: Queryable,
  readSchema: string,
  q: RankingQuery,
  page: { offset: number; limit: number },
): Promise<RankingRow[]> => {
  if (!cache) return rankingPage(db, readSchema, q, page);
  const key = JSON.stringify(['consultantRanking', readSchema, [...q.storeIds].sort(), q.from, q.to, q.metric, page.offset, page.limit]);
  return cache.through(db, key, [salesFactTable.projection], () => rankingPage(db, readSchema, q, page), readSchema);
};

const ConsultantRankingRow = builder.objectRef<RankingRow>('ConsultantRankingRow').implement({
  description: 'A consultant of one store, ranked against every consultant of the stores queried.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Rank by the chosen metric (ties share a rank).' }),
    storeId: t.exposeID('storeId'),
    consultantId: t.exposeID('consultantId'),
    leads: t.exposeInt('leads'),
    orders: t.exposeInt('orders'),
    deliveries: t.exposeInt('deliveries'),
    revenueFen: t.float({ description: 'Σ delivered vehicle price, fen.', resolve: (r) => r.revenueFen }),
    closeRate: t.float({ nullable: true, description: 'orders ÷ leads', resolve: (r) => (r.leads === 0 ? null : r.orders / r.leads) }),
  }),
});

builder.queryField('consultantRanking', (t) =>
  t.connection({
    nullable: true,
    type: ConsultantRankingRow,
    description: 'Consultants ranked across the stores in scope (or those named), from the sales KPI facts.',
    args: {
      storeIds: t.arg.idList({ required: false }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      metric: t.arg({ type: RankingMetric, required: false, defaultValue: 'deliveries' }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeRead(ctx.auth, ctx.deployment, { roles: READ_ROLES.sales, storeIds: args.storeIds?.map(String) });
      if (args.from > args.to) throw new GraphQLError('to is before from', { extensions: { code: 'VALIDATION_FAILED' } });
      checkPage(args);
      const query = { storeIds, from: args.from, to: args.to, metric: args.metric ?? 'deliveries' } as const;
      return resolveOffsetConnection({ args, defaultSize: DEFAULT_PAGE, maxSize: MAX_PAGE }, (page) =>
        cachedRankingPage(ctx.kpiCache, ctx.db, ctx.readSchema, query, page),
      );
    },
  }),
);
