import { BENCH_YEAR } from './data.js';

// The GraphQL documents the gateway suite sends, as JSON request bodies.

export const KPI_NAMES = [
  'sales.leads',
  'sales.closeRate',
  'sales.deliveries',
  'sales.revenue',
  'workshop.output',
  'workshop.avgOutputPerRepairVehicle',
] as const;
const year = { from: `${BENCH_YEAR}-01-01`, to: `${BENCH_YEAR}-12-31` };

/** (a) 6 KPIs, 12 months, every store of the group (the stores in scope), granularity MONTH. */
export const kpisBody = JSON.stringify({
  query: `query Kpis($names: [String!]!, $from: Date!, $to: Date!) {
    kpis(names: $names, from: $from, to: $to, granularity: MONTH) { name period periodEnd value numerator denominator unit target attainment }
  }`,
  variables: { names: KPI_NAMES, ...year },
});
export const KPI_POINTS = KPI_NAMES.length * 12;

/** (b) The first 20-row page of the consultant ranking across the group's stores over the year. */
export const rankingBody = JSON.stringify({
  query: `query Ranking($from: Date!, $to: Date!) {
    consultantRanking(from: $from, to: $to, first: 20) {
      edges { cursor node { rank storeId consultantId leads orders deliveries revenueFen closeRate } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  variables: year,
});
export const RANKING_ROWS = 20;

/**
 * (c) Two 100-row ranking pages in one query: cost ~1,600 against the limit of 1,000. The alias changes per
 * request, so every request is parsed and measured afresh: no cache of any kind could answer it (the gateway
 * keeps no refused document anyway).
 */
export const overComplexBody = (index: number): string =>
  JSON.stringify({
    query: `{ a${index}: consultantRanking(from: "${year.from}", to: "${year.to}", first: 100) { edges { node { rank storeId consultantId leads orders deliveries } } }
              b${index}: consultantRanking(from: "${year.from}", to: "${year.to}", first: 100) { edges { node { rank storeId consultantId leads orders deliveries } } } }`,
  });
