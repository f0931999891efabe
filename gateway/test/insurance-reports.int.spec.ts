import { type NatsConnection } from '@nats-io/transport-node';
import { insuranceEvents } from '@rooftop/kpis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway } from '../src/yoga.js';
import { graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess, testGateway } from './fixtures/gateway.js';
import { type ReadModels, readModelsOf } from './fixtures/read-models.js';
import { tokenFor } from './fixtures/tokens.js';

// The renewals-due work list and insurance KPIs over two stores: store-a has p-1 (expires 04-10, assigned to
// sa-1), p-2 (expires 03-25, unassigned) and p-3 (renewed, so off the list); store-b has p-9 (expires 03-31).
const a = insuranceEvents({ storeId: 'store-a' });
const b = insuranceEvents({ storeId: 'store-b' });
const at = (d: number) => `2025-02-${String(d).padStart(2, '0')}T10:00:00+08:00`;

const events = [
  a.opportunityOpened({ policyId: 'p-1', brand: '长安', expiresOn: '2025-04-10', premiumFen: 515_000 }, at(9)),
  a.opportunityOpened({ policyId: 'p-2', brand: '长安', expiresOn: '2025-03-25' }, at(10)),
  a.opportunityOpened({ policyId: 'p-3', brand: '长安', expiresOn: '2025-03-20' }, at(11)),
  a.assigned({ policyId: 'p-1', brand: '长安', assigneeId: 'sa-1', assigneeRole: 'service_advisor' }, at(12)),
  a.renewed({ policyId: 'p-3', brand: '长安', premiumFen: 400_000, commissionFen: 40_000, renewedBy: 'ren-1', previousExpiresOn: '2025-03-20' }, at(13)),
  b.opportunityOpened({ policyId: 'p-9', brand: '长安', expiresOn: '2025-03-31' }, at(9)),
];

let models: ReadModels;
let nc: NatsConnection;
let gateway: Gateway;

beforeAll(async () => {
  models = await readModelsOf('gateway_insurance', events);
  nc = await connectNats();
  gateway = await testGateway(hq, models.db.pool, nc);
});
afterAll(async () => {
  await nc?.close();
  await models?.close();
});

const DUE = `query ($expiresBy: Date!, $assigneeId: ID, $storeIds: [ID!]) { renewalsDue(expiresBy: $expiresBy, assigneeId: $assigneeId, storeIds: $storeIds) {
  storeId policyId term expiresOn expiringPremiumFen assigneeId assigneeRole calls } }`;

describe('insurance reports', () => {
  it('lists open renewals expiring by a date, soonest first, across the stores in scope', async () => {
    const token = await tokenFor({ storeIds: '*', roles: ['service_advisor'] });
    const res = await graphql(inProcess(gateway), 'http://gateway', DUE, { variables: { expiresBy: '2025-04-30' }, token });
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data!.renewalsDue as Array<{ policyId: string }>).map((r) => r.policyId)).toEqual(['p-2', 'p-9', 'p-1']);
    const mine = await graphql(inProcess(gateway), 'http://gateway', DUE, { variables: { expiresBy: '2025-04-30', assigneeId: 'sa-1' }, token });
    expect(mine.body.data!.renewalsDue).toEqual([
      {
        storeId: 'store-a',
        policyId: 'p-1',
        term: 1,
        expiresOn: '2025-04-10',
        expiringPremiumFen: 515_000,
        assigneeId: 'sa-1',
        assigneeRole: 'service_advisor',
        calls: 0,
      },
    ]);
    const march = await graphql(inProcess(gateway), 'http://gateway', DUE, { variables: { expiresBy: '2025-03-30', storeIds: ['store-a'] }, token });
    expect((march.body.data!.renewalsDue as Array<{ policyId: string }>).map((r) => r.policyId)).toEqual(['p-2']);
  });

  it('keeps the list from sales staff, and serves insurance KPIs to after-sales staff', async () => {
    const sales = await graphql(inProcess(gateway), 'http://gateway', DUE, {
      variables: { expiresBy: '2025-04-30' },
      token: await tokenFor({ storeIds: '*', roles: ['consultant'] }),
    });
    expect(sales.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_ROLE' });
    const kpis = await graphql(
      inProcess(gateway),
      'http://gateway',
      '{ kpis(names: ["insurance.renewalRate"], from: "2025-03-01", to: "2025-03-31", granularity: MONTH, storeIds: ["store-a"]) { value numerator denominator } }',
      {
        token: await tokenFor({ storeIds: '*', roles: ['service_advisor'] }),
      },
    );
    expect(kpis.body.errors).toBeUndefined();
    expect(kpis.body.data!.kpis).toEqual([{ value: 0.5, numerator: 1, denominator: 2 }]);
  });
});
