import { type NatsConnection } from '@nats-io/transport-node';
import { platformRegistry } from '@rooftop/contracts';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { type Gateway } from '../src/yoga.js';
import { codes, graphql } from './fixtures/client.js';
import { connectNats, hq, inProcess, storeA, testGateway } from './fixtures/gateway.js';
import { rootOperations } from './fixtures/operations.js';
import { GROUP, TEST_SECRET, tokenFor } from './fixtures/tokens.js';

// Every query and every mutation, tried without a token, for another store, for another group and with a
// role that may not use it: each is refused before anything is read or sent.

/** Every role any contract names, so only the store or the group can be what is wrong. */
const ALL_ROLES = [
  ...new Set(['admin', 'hq_analyst', ...platformRegistry.contexts.flatMap((c) => c.commands.flatMap((k) => k.roles)).filter((r) => r !== 'system')]),
];
const operations = rootOperations(schema);

let db: TestDatabase;
let nc: NatsConnection;
let store: Gateway;
let group: Gateway;

beforeAll(async () => {
  // An empty database: a refused request must never get as far as reading it.
  db = await createTestDatabase('gateway_authz');
  nc = await connectNats();
  store = await testGateway(storeA, db.pool, nc);
  group = await testGateway(hq, db.pool, nc);
});
afterAll(async () => {
  await nc?.close();
  await db?.drop();
});

const run = (gateway: Gateway, op: (typeof operations)[number], token?: string) =>
  graphql(inProcess(gateway), 'http://gateway', op.query, { variables: op.variables, ...(token ? { token } : {}) });

const refusal = (res: Awaited<ReturnType<typeof run>>) => ({ codes: codes(res), reason: res.body.errors?.[0]?.extensions?.reason, data: res.body.data });

describe('authorization of every root field', () => {
  it('covers the whole schema', () => {
    expect(
      operations
        .filter((o) => o.kind === 'query')
        .map((o) => o.field)
        .sort(),
    ).toEqual([
      'commissionStatements',
      'consultantRanking',
      'followUps',
      'kpiDefinitions',
      'kpis',
      'lowStock',
      'onboardingOverdue',
      'renewalsDue',
      'salesFunnel',
      'stores',
      'workshopThroughput',
    ]);
    expect(operations.filter((o) => o.kind === 'mutation').length).toBeGreaterThanOrEqual(40);
  });

  it('offers no internal command (timers and reactions only) as a mutation', () => {
    const internal = platformRegistry.contexts.flatMap((c) => c.commands).filter((c) => c.internal);
    expect(internal.map((c) => c.type)).toContain('CheckFollowUpDue');
    const mutations = new Set(operations.filter((o) => o.kind === 'mutation').map((o) => o.field.toLowerCase()));
    expect(internal.filter((c) => mutations.has(c.type.toLowerCase()) || mutations.has(`${c.context}${c.type}`.toLowerCase())).map((c) => c.type)).toEqual([]);
  });

  it.each(operations.map((o) => [o.field, o] as const))('%s: no token → 401 UNAUTHENTICATED', async (_name, op) => {
    const res = await run(store, op);
    expect(res.status).toBe(401);
    expect(refusal(res)).toEqual({ codes: ['UNAUTHENTICATED'], reason: undefined, data: { [op.field]: null } });
  });

  it.each(operations.map((o) => [o.field, o] as const))('%s: another store → FORBIDDEN', async (_name, op) => {
    const res = await run(store, op, await tokenFor({ storeIds: ['store-b'], roles: ALL_ROLES }));
    expect(refusal(res)).toEqual({ codes: ['FORBIDDEN'], reason: 'WRONG_STORE', data: { [op.field]: null } });
  });

  it.each(operations.map((o) => [o.field, o] as const))('%s: another group → FORBIDDEN', async (_name, op) => {
    const res = await run(group, op, await tokenFor({ groupId: 'other-group', storeIds: '*', roles: ALL_ROLES }));
    expect(refusal(res)).toEqual({ codes: ['FORBIDDEN'], reason: 'WRONG_GROUP', data: { [op.field]: null } });
  });

  it.each(operations.map((o) => [o.field, o] as const))('%s: a role that may not use it → FORBIDDEN', async (_name, op) => {
    // HQ analysts read everything and send nothing; a role the gateway does not know reads nothing.
    const roles = op.kind === 'mutation' ? ['hq_analyst'] : ['technician'];
    const res = await run(store, op, await tokenFor({ storeIds: '*', roles }));
    expect(refusal(res)).toEqual({ codes: ['FORBIDDEN'], reason: 'MISSING_ROLE', data: { [op.field]: null } });
  });
});

describe('domain roles and bad tokens', () => {
  it('keeps sales reports from workshop staff and workshop commands from sales staff', async () => {
    const byField = Object.fromEntries(operations.map((o) => [o.field, o]));
    const advisor = await tokenFor({ roles: ['service_advisor'] });
    for (const field of ['salesFunnel', 'consultantRanking']) expect(refusal(await run(store, byField[field]!, advisor)).reason).toBe('MISSING_ROLE');
    const kpis = await graphql(
      inProcess(store),
      'http://gateway',
      '{ kpis(names: ["sales.leads"], from: "2025-03-01", to: "2025-03-31", granularity: MONTH) { value } }',
      { token: advisor },
    );
    expect(refusal(kpis)).toMatchObject({ codes: ['FORBIDDEN'], reason: 'MISSING_ROLE' });
    expect(refusal(await run(store, byField.registerTechnician!, await tokenFor({ roles: ['consultant', 'sales_manager'] }))).reason).toBe('MISSING_ROLE');
  });

  it('refuses expired, forged and malformed tokens as 401', async () => {
    const op = operations.find((o) => o.field === 'kpiDefinitions')!;
    const expired = await tokenFor({}, { expiresAt: Math.floor(Date.now() / 1000) - 60 });
    const forged = await tokenFor({}, { secret: 'another-secret-that-is-long-enough-to-sign' });
    for (const authorization of [`Bearer ${expired}`, `Bearer ${forged}`, 'Bearer not-a-jwt', 'Basic dXNlcjpwYXNz']) {
      const res = await graphql(inProcess(store), 'http://gateway', op.query, { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses a token without expiry, one that lives too long, and one carrying the system role, as 401 with the reason', async () => {
    const op = operations.find((o) => o.field === 'kpiDefinitions')!;
    const key = new TextEncoder().encode(TEST_SECRET);
    const signed = (roles: string[]) =>
      new SignJWT({ groupId: GROUP, storeIds: ['store-a'], roles }).setProtectedHeader({ alg: 'HS256' }).setSubject('emp-1').setIssuedAt();
    const tokens = {
      NO_EXPIRY: await signed(['sales_manager']).sign(key),
      LIFETIME_TOO_LONG: await signed(['sales_manager']).setExpirationTime('30d').sign(key),
      RESERVED_ROLE: await signed(['admin', 'system']).setExpirationTime('5m').sign(key),
    };
    for (const [reason, token] of Object.entries(tokens)) {
      const res = await run(store, op, token);
      expect([res.status, refusal(res)]).toEqual([401, { codes: ['UNAUTHENTICATED'], reason, data: { kpiDefinitions: null } }]);
    }
  });

  it('refuses a command a store user addresses to another store', async () => {
    const res = await graphql(
      inProcess(store),
      'http://gateway',
      'mutation { markLeadLost(storeId: "store-b", input: { leadId: "L1", reason: "price" }) { commandId } }',
      {
        token: await tokenFor({ storeIds: ['store-a'], roles: ['sales_manager'] }),
      },
    );
    expect(refusal(res)).toMatchObject({ codes: ['FORBIDDEN'], reason: 'WRONG_STORE' });
  });

  it('needs the store of a command at HQ, and HQ analysts send none there either', async () => {
    const mutation = 'mutation { markLeadLost(input: { leadId: "L1", reason: "price" }) { commandId } }';
    const manager = await graphql(inProcess(group), 'http://gateway', mutation, { token: await tokenFor({ storeIds: '*', roles: ['sales_manager'] }) });
    expect(refusal(manager)).toMatchObject({ codes: ['VALIDATION_FAILED'], reason: 'STORE_REQUIRED' });
    const analyst = await graphql(
      inProcess(group),
      'http://gateway',
      'mutation { markLeadLost(storeId: "store-a", input: { leadId: "L1", reason: "price" }) { commandId } }',
      {
        token: await tokenFor({ storeIds: '*', roles: ['hq_analyst'] }),
      },
    );
    expect(refusal(analyst)).toMatchObject({ codes: ['FORBIDDEN'], reason: 'MISSING_ROLE' });
  });
});
