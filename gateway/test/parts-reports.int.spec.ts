import { type NatsConnection } from '@nats-io/transport-node';
import { partsEvents } from '@rooftop/kpis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { type Gateway } from '../src/yoga.js';
import { graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess, testGateway } from './fixtures/gateway.js';
import { type ReadModels, readModelsOf } from './fixtures/read-models.js';
import { tokenFor } from './fixtures/tokens.js';

// The parts low-stock work list over two stores' stock (reorder points: filter 5, mat 0, store-b's filter 2).
const F = { partNumber: 'P-F', kind: 'genuine' as const, brand: '长安' };
const M = { partNumber: 'A-M', kind: 'accessory' as const, brand: '长安' };
const a = partsEvents({ storeId: 'store-a' });
const b = partsEvents({ storeId: 'store-b' });
const at = (d: number) => `2025-03-${String(d).padStart(2, '0')}T10:00:00+08:00`;

const events = [
  a.registered({ ...F, name: '机油滤清器', cost: 3_000, price: 5_000, reorderPoint: 5 }, at(3)),
  a.registered({ ...M, name: '脚垫', cost: 20_000, price: 40_000, reorderPoint: 0 }, at(3)),
  a.received(F, { quantity: 6, cost: 18_000, onHand: 6, stockValue: 18_000 }, 'po-1', at(3)),
  a.received(M, { quantity: 1, cost: 20_000, onHand: 1, stockValue: 20_000 }, 'po-1', at(3)),
  a.issued(F, { quantity: 3, cost: 9_000, onHand: 3, stockValue: 9_000 }, 'ro-1', 15_000, at(4)),
  b.registered({ ...F, name: '机油滤清器', cost: 3_000, price: 5_000, reorderPoint: 2 }, at(3)),
];

let models: ReadModels;
let nc: NatsConnection;
let gateway: Gateway;

beforeAll(async () => {
  models = await readModelsOf('gateway_parts', events);
  nc = await connectNats();
  gateway = await testGateway(hq, models.db.pool, nc);
});
afterAll(async () => {
  await nc?.close();
  await models?.close();
});

const LOW_STOCK = `query ($kind: PartKind, $storeIds: [ID!]) { lowStock(kind: $kind, storeIds: $storeIds) {
  storeId partNumber name kind onHand reorderPoint shortfall stockValueFen lastMovementOn } }`;

describe('parts reports', () => {
  it('lists parts at or below their reorder point, largest shortfall first, across the stores in scope', async () => {
    const res = await graphql(inProcess(gateway), 'http://gateway', LOW_STOCK, { token: await tokenFor({ storeIds: '*', roles: ['workshop_manager'] }) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.lowStock).toEqual([
      {
        storeId: 'store-a',
        partNumber: 'P-F',
        name: '机油滤清器',
        kind: 'genuine',
        onHand: 3,
        reorderPoint: 5,
        shortfall: 2,
        stockValueFen: 9_000,
        lastMovementOn: '2025-03-04',
      },
      {
        storeId: 'store-b',
        partNumber: 'P-F',
        name: '机油滤清器',
        kind: 'genuine',
        onHand: 0,
        reorderPoint: 2,
        shortfall: 2,
        stockValueFen: 0,
        lastMovementOn: null,
      },
    ]);
    const accessories = await graphql(inProcess(gateway), 'http://gateway', LOW_STOCK, {
      variables: { kind: 'accessory' },
      token: await tokenFor({ storeIds: '*', roles: ['admin'] }),
    });
    expect(accessories.body.data!.lowStock).toEqual([]);
  });

  it('keeps the list to the caller’s stores and roles', async () => {
    const onlyB = await graphql(inProcess(gateway), 'http://gateway', LOW_STOCK, {
      token: await tokenFor({ storeIds: ['store-b'], roles: ['service_advisor'] }),
    });
    expect((onlyB.body.data!.lowStock as Array<{ storeId: string }>).map((r) => r.storeId)).toEqual(['store-b']);
    const wrongStore = await graphql(inProcess(gateway), 'http://gateway', LOW_STOCK, {
      variables: { storeIds: ['store-a'] },
      token: await tokenFor({ storeIds: ['store-b'], roles: ['service_advisor'] }),
    });
    expect(wrongStore.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'WRONG_STORE' });
    const sales = await graphql(inProcess(gateway), 'http://gateway', LOW_STOCK, { token: await tokenFor({ storeIds: '*', roles: ['consultant'] }) });
    expect(sales.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_ROLE' });
  });

  it('exposes the parts commands as mutations', () => {
    // Introspection is off on a gateway by default: the schema it serves, read directly.
    const names = Object.keys(schema.getMutationType()!.getFields());
    expect(names).toEqual(
      expect.arrayContaining(['registerPart', 'issuePartsToRepairOrder', 'sellAccessory', 'transferParts', 'countStock', 'recordUnmetDemand']),
    );
    expect(names).not.toContain('receiveTransferredParts');
  });
});
