import { type NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../src/yoga.js';
import { graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess, storeA, testCommandClient, testGateway } from './fixtures/gateway.js';
import { testVerifier, tokenFor } from './fixtures/tokens.js';

// Store.timeZone: a store gateway knows its own zone (STORE_TIME_ZONE); HQ reads each store's from the directory
// in its read schema.

const STORES = '{ stores { storeId timeZone } }';

describe('Store.timeZone', () => {
  let db: TestDatabase;
  let nc: NatsConnection;

  beforeAll(async () => {
    db = await createTestDatabase('gateway_store_zone');
    nc = await connectNats();
    await db.pool.query('CREATE SCHEMA hq; CREATE TABLE hq.stores (store_id text PRIMARY KEY, time_zone text NOT NULL)');
    await db.pool.query("INSERT INTO hq.stores VALUES ('store-a', 'Asia/Shanghai'), ('store-b', 'Asia/Urumqi')");
  });
  afterAll(async () => {
    await nc?.close();
    await db?.drop();
  });

  it("is the store deployment's zone at a store gateway", async () => {
    const gateway = createGateway({
      deployment: storeA,
      verifyToken: await testVerifier(),
      db: db.pool,
      readSchema: 'read',
      storeTimeZone: 'Asia/Shanghai',
      commands: testCommandClient(nc),
      limits: { maxDepth: 8, maxComplexity: 1000 },
    });
    const res = await graphql(inProcess(gateway), 'http://gateway', STORES, { token: await tokenFor({ storeIds: ['store-a'] }) });
    expect(res.body.data!.stores).toEqual([{ storeId: 'store-a', timeZone: 'Asia/Shanghai' }]);
  });

  it("is each store's zone from the directory at HQ, null where the read schema has no directory", async () => {
    const gateway = createGateway({
      deployment: hq,
      verifyToken: await testVerifier(),
      db: db.pool,
      readSchema: 'hq',
      commands: testCommandClient(nc),
      limits: { maxDepth: 8, maxComplexity: 1000 },
    });
    const token = await tokenFor({ storeIds: '*', roles: ['hq_analyst'] });
    const res = await graphql(inProcess(gateway), 'http://gateway', STORES, { token });
    expect(res.body.data!.stores).toEqual([
      { storeId: 'store-a', timeZone: 'Asia/Shanghai' },
      { storeId: 'store-b', timeZone: 'Asia/Urumqi' },
    ]);
    const noDirectory = await testGateway(hq, db.pool, nc);
    const none = await graphql(inProcess(noDirectory), 'http://gateway', STORES, { token });
    expect(none.body.data!.stores).toEqual([
      { storeId: 'store-a', timeZone: null },
      { storeId: 'store-b', timeZone: null },
    ]);
  });
});
