import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { kpiDictionary, queryKpis } from '@rooftop/kpis';
import { natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../src/journey.js';
import { simulate } from '../src/simulate.js';
import { type StoreNode, startStoreNode } from './fixtures/store-node.js';
import { createCommandSigner } from '@rooftop/messaging';

// The same seed, twice, against the real five services (sales, workshop, parts, insurance, HR) on two fresh
// databases: every KPI of the dictionary, by month and by day, comes out identical.

const END = '2026-01-01';
const FROM = '2025-12-01';
const options = { stores: 1, months: 1, seed: 20_251_201, end: END, scale: 0.06 };

let nc: NatsConnection;
const nodes: StoreNode[] = [];

beforeAll(async () => {
  nc = await connect({ servers: natsUrl(), name: 'simulator-determinism' });
});
afterAll(async () => {
  for (const node of nodes) await node.close();
  await nc?.close();
});

const runOnce = async (label: string) => {
  const prefix = `t${randomBytes(3).toString('hex')}-`;
  const storeId = `${prefix}sh-001`;
  const node = await startStoreNode(label, `t-sim-${randomBytes(4).toString('hex')}`, storeId, localTime(FROM, 0));
  nodes.push(node);
  const result = await simulate({
    ...options,
    signer: createCommandSigner(sharedTestCommandIssuer().signingKey),
    storeIdPrefix: prefix,
    nc,
    onClock: node.setClock,
    settle: () => node.settle(),
  });
  // Timers due by the end of the simulated period run only now, in due order, as the clock reaches them.
  await node.settleAt(localTime(END, 0));
  // Every KPI of the dictionary: the simulator drives all five contexts.
  const names = kpiDictionary.map((k) => k.name);
  const query = { names, storeIds: [storeId], from: FROM, to: '2025-12-31' };
  const byMonth = await queryKpis(node.db.pool, { ...query, granularity: 'MONTH' });
  const byDay = await queryKpis(node.db.pool, { ...query, granularity: 'DAY' });
  const strip = (points: readonly object[]) => points.map((p) => JSON.stringify(p, (key, value: unknown) => (key === 'storeId' ? undefined : value)));
  return { result, names, byMonth, kpis: [...strip(byMonth), ...strip(byDay)] };
};

describe('the simulator', () => {
  it('produces identical KPI results for the same seed on two fresh databases', async () => {
    const first = await runOnce('sim_det_a');
    const second = await runOnce('sim_det_b');
    expect(first.result.stats.unexpected).toEqual({});
    expect(second.result.stats).toEqual(first.result.stats);
    expect(first.result.stats.rejectedAsExpected).toBeGreaterThan(0);
    // A believable month: most KPIs of the dictionary have a value, and the core counts of each context are there.
    const withValue = first.byMonth.filter((p) => p.value !== null && p.value > 0).map((p) => p.name);
    expect(withValue).toEqual(
      expect.arrayContaining([
        'sales.leads',
        'sales.orders',
        'sales.deliveries',
        'workshop.vehiclesIn',
        'workshop.output',
        'workshop.csi',
        'parts.purchases',
        'parts.sales',
        'parts.accessorySales',
        'parts.fillRate',
        'parts.stockValue',
        'insurance.renewalPremium',
        'insurance.newPolicies',
        'insurance.claimsReported',
        'insurance.claimRepairOutput',
        'hr.headcount',
        'hr.trainingAttendances',
        'hr.commissionStatements',
      ]),
    );
    expect(withValue.length).toBeGreaterThanOrEqual(Math.floor(first.names.length * 0.6));
    expect(second.kpis).toEqual(first.kpis);
  }, 600_000);
});
