import { type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway } from '../src/yoga.js';
import { codes, graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess, storeA, testGateway } from './fixtures/gateway.js';
import { type ReadModels, scenarioReadModels } from './fixtures/read-models.js';
import { tokenFor } from './fixtures/tokens.js';

// The scenario week of the sales issue (packages/kpis/test/scenario-week.ts) through the gateway. The expected
// numbers are the hand-computed WEEK row and channel table of packages/kpis/test/scenario.int.spec.ts.
const WEEK: Record<string, number | null> = {
  'sales.leads': 12,
  'sales.firstVisits': 9,
  'sales.arrivalRate': 9 / 12,
  'sales.testDriveRate': 6 / 9,
  'sales.closeRate': 5 / 12,
  'sales.orders': 5,
  'sales.cancelledOrders': 1,
  'sales.onlineOrders': 1,
  'sales.deliveries': 4,
  'sales.revenue': 47_300_000,
  'sales.grossProfitPerUnit': 3_000_000 / 4,
  'sales.daysLeadToOrder': 14 / 5,
  'sales.targetAttainment': 4 / 7,
};

let models: ReadModels;
let nc: NatsConnection;
let store: Gateway;
let group: Gateway;

beforeAll(async () => {
  models = await scenarioReadModels('gateway_kpis');
  nc = await connectNats();
  store = await testGateway(storeA, models.db.pool, nc);
  group = await testGateway(hq, models.db.pool, nc);
});
afterAll(async () => {
  await nc?.close();
  await models?.close();
});

const KPIS = `query ($names: [String!]!, $storeIds: [ID!], $from: Date!, $to: Date!, $g: KpiGranularity!, $by: [KpiDimension!]) {
  kpis(names: $names, storeIds: $storeIds, from: $from, to: $to, granularity: $g, by: $by) {
    name period periodEnd storeId value numerator denominator unit target attainment dimensions { channel consultant }
  }
}`;
const week = { names: Object.keys(WEEK), from: '2025-03-03', to: '2025-03-09', g: 'WEEK' };

describe('the KPI API over the scenario week', () => {
  it('returns the hand-computed week of store-a to a store manager', async () => {
    const res = await graphql(inProcess(store), 'http://gateway', KPIS, { variables: week, token: await tokenFor() });
    expect(res.body.errors).toBeUndefined();
    const points = res.body.data!.kpis as Array<{ name: string; value: number | null; period: string; periodEnd: string }>;
    expect(Object.fromEntries(points.map((p) => [p.name, p.value]))).toEqual(WEEK);
    expect(new Set(points.map((p) => `${p.period}…${p.periodEnd}`))).toEqual(new Set(['2025-03-03…2025-03-09']));
    const attainment = points.find((p) => p.name === 'sales.deliveries') as unknown as { target: number; attainment: number; unit: string };
    expect(attainment).toMatchObject({ target: 7, attainment: 4 / 7, unit: 'COUNT' });
  });

  it('sums numerators and denominators across stores at HQ (never averages ratios)', async () => {
    const res = await graphql(inProcess(group), 'http://gateway', KPIS, {
      variables: { ...week, names: ['sales.leads', 'sales.arrivalRate', 'sales.deliveries'], by: ['STORE'] },
      token: await tokenFor({ storeIds: '*', roles: ['hq_analyst'] }),
    });
    expect(res.body.errors).toBeUndefined();
    const table = Object.fromEntries(
      (res.body.data!.kpis as Array<{ name: string; storeId: string; value: number }>).map((p) => [`${p.storeId} ${p.name}`, p.value]),
    );
    expect(table).toEqual({
      'store-a sales.leads': 12,
      'store-a sales.arrivalRate': 9 / 12,
      'store-a sales.deliveries': 4,
      'store-b sales.leads': 1,
      'store-b sales.arrivalRate': 1,
      'store-b sales.deliveries': 1,
    });
    const both = await graphql(inProcess(group), 'http://gateway', KPIS, {
      variables: { ...week, names: ['sales.arrivalRate'] },
      token: await tokenFor({ storeIds: '*', roles: ['hq_analyst'] }),
    });
    expect((both.body.data!.kpis as Array<{ value: number; numerator: number; denominator: number }>)[0]).toMatchObject({
      value: 10 / 13,
      numerator: 10,
      denominator: 13,
    });
  });

  it('refuses a cross-store KPI query by a store user, at HQ and at the store', async () => {
    const token = await tokenFor({ storeIds: ['store-a'] });
    for (const gateway of [group, store]) {
      const res = await graphql(inProcess(gateway), 'http://gateway', KPIS, { variables: { ...week, storeIds: ['store-a', 'store-b'] }, token });
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.body.errors![0]!.extensions).toMatchObject({ reason: 'WRONG_STORE' });
      expect(res.body.data).toEqual({ kpis: null });
    }
  });

  it('answers bad KPI input with a typed error', async () => {
    const res = await graphql(inProcess(store), 'http://gateway', KPIS, { variables: { ...week, names: ['sales.nope'] }, token: await tokenFor() });
    expect(codes(res)).toEqual(['VALIDATION_FAILED']);
    const backwards = await graphql(inProcess(store), 'http://gateway', KPIS, {
      variables: { ...week, from: '2025-03-09', to: '2025-03-01' },
      token: await tokenFor(),
    });
    expect(codes(backwards)).toEqual(['VALIDATION_FAILED']);
    const notADate = await graphql(inProcess(store), 'http://gateway', KPIS, { variables: { ...week, from: '2025-02-30' }, token: await tokenFor() });
    expect(codes(notADate)).toEqual(['VALIDATION_FAILED']);
  });

  it('lists the KPI dictionary', async () => {
    const res = await graphql(
      inProcess(store),
      'http://gateway',
      '{ kpiDefinitions { name labels { en zh } formula { text numerator denominator aggregation } unit version } }',
      { token: await tokenFor({ roles: ['consultant'] }) },
    );
    const defs = res.body.data!.kpiDefinitions as Array<{
      name: string;
      labels: { zh: string };
      formula: { numerator: string; denominator: string | null };
      unit: string;
    }>;
    expect(defs.find((d) => d.name === 'sales.closeRate')).toMatchObject({
      labels: { zh: '成交率' },
      formula: { numerator: 'orders', denominator: 'leads' },
      unit: 'RATIO',
    });
  });
});

describe('reports over the scenario week', () => {
  it('builds the sales funnel by channel', async () => {
    const res = await graphql(
      inProcess(store),
      'http://gateway',
      `
        {
          salesFunnel(from: "2025-03-03", to: "2025-03-09") {
            channel
            leads
            visitedLeads
            testDrives
            orders
            deliveries
            arrivalRate
            closeRate
          }
        }
      `,
      { token: await tokenFor() },
    );
    expect(res.body.errors).toBeUndefined();
    const rows = Object.fromEntries((res.body.data!.salesFunnel as Array<{ channel: string }>).map(({ channel, ...row }) => [channel, row]));
    expect(rows).toEqual({
      walk_in: { leads: 4, visitedLeads: 4, testDrives: 2, orders: 2, deliveries: 1, arrivalRate: 1, closeRate: 2 / 4 },
      phone_in: { leads: 2, visitedLeads: 2, testDrives: 2, orders: 0, deliveries: 0, arrivalRate: 1, closeRate: 0 },
      online: { leads: 3, visitedLeads: 2, testDrives: 2, orders: 2, deliveries: 2, arrivalRate: 2 / 3, closeRate: 2 / 3 },
      referral: { leads: 1, visitedLeads: 1, testDrives: 0, orders: 1, deliveries: 1, arrivalRate: 1, closeRate: 1 },
      event: { leads: 1, visitedLeads: 0, testDrives: 0, orders: 0, deliveries: 0, arrivalRate: 0, closeRate: 0 },
      outbound: { leads: 1, visitedLeads: 0, testDrives: 0, orders: 0, deliveries: 0, arrivalRate: 0, closeRate: 0 },
    });
  });

  it('ranks consultants across stores, one relay page at a time', async () => {
    const token = await tokenFor({ storeIds: '*', roles: ['hq_analyst'] });
    const page = (after?: string) =>
      graphql(
        inProcess(group),
        'http://gateway',
        `
          query ($after: String) {
            consultantRanking(from: "2025-03-03", to: "2025-03-09", first: 2, after: $after) {
              edges {
                cursor
                node {
                  rank
                  storeId
                  consultantId
                  deliveries
                  orders
                  leads
                  revenueFen
                }
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        `,
        { variables: { after }, token },
      );
    const first = await page();
    expect(first.body.errors).toBeUndefined();
    const conn = first.body.data!.consultantRanking as {
      edges: Array<{ node: Record<string, unknown> }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(conn.edges.map((e) => e.node)).toEqual([
      { rank: 1, storeId: 'store-a', consultantId: 'c1', deliveries: 2, orders: 3, leads: 6, revenueFen: 23_800_000 },
      { rank: 2, storeId: 'store-a', consultantId: 'c2', deliveries: 1, orders: 1, leads: 5, revenueFen: 12_000_000 },
    ]);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    const second = await page(conn.pageInfo.endCursor);
    const rest = second.body.data!.consultantRanking as typeof conn;
    expect(rest.edges.map((e) => [e.node.rank, e.node.storeId, e.node.consultantId, e.node.deliveries])).toEqual([
      [2, 'store-a', 'web1', 1],
      [2, 'store-b', 'b1', 1],
    ]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });
});

describe('dataloaders', () => {
  it('serves the KPIs of a list of stores with one SQL query', async () => {
    const statements: string[] = [];
    const counting = {
      query: ((text: string, values?: unknown[]) => {
        statements.push(text);
        return models.db.pool.query(text, values);
      }) as typeof models.db.pool.query,
    };
    const gateway = await testGateway(hq, counting, nc);
    const res = await graphql(
      inProcess(gateway),
      'http://gateway',
      `
        {
          stores {
            storeId
            kpis(names: ["sales.leads", "sales.deliveries"], from: "2025-03-03", to: "2025-03-09", granularity: WEEK) {
              name
              value
            }
          }
        }
      `,
      {
        token: await tokenFor({ storeIds: '*', roles: ['hq_analyst'] }),
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.stores).toEqual([
      {
        storeId: 'store-a',
        kpis: [
          { name: 'sales.leads', value: 12 },
          { name: 'sales.deliveries', value: 4 },
        ],
      },
      {
        storeId: 'store-b',
        kpis: [
          { name: 'sales.leads', value: 1 },
          { name: 'sales.deliveries', value: 1 },
        ],
      },
    ]);
    // One fact query for both stores, plus one for the deliveries target: never one per store.
    expect(statements.filter((s) => s.includes('sales_kpi_facts'))).toHaveLength(1);
    expect(statements).toHaveLength(2);
  });
});
