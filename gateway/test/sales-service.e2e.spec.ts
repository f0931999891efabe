import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { storeStreamName } from '@rooftop/contracts';
import { createTestDatabase, natsUrl, sharedTestCommandIssuer, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment } from '../src/auth/scope.js';
import { type Gateway } from '../src/yoga.js';
import { codes, graphql } from './fixtures/client.js';
import { connectNats, inProcess, testGateway } from './fixtures/gateway.js';
import { GROUP, tokenFor } from './fixtures/tokens.js';

// The real sales service as its own process (its main.ts, as deployed), the gateway in this one: a mutation
// goes over NATS to the service, and its event comes back through the service's projections as a KPI.

const storeId = `t-gwe2e-${randomBytes(4).toString('hex')}`;
const deployment: Deployment = { kind: 'store', groupId: GROUP, storeId };
const salesMain = fileURLToPath(new URL('../../services/sales/src/main.ts', import.meta.url));
const salesTsconfig = fileURLToPath(new URL('../../services/sales/tsconfig.json', import.meta.url));

let db: TestDatabase;
let nc: NatsConnection;
let child: ChildProcess;
let gateway: Gateway;
let stderr = '';

const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${what} did not happen; sales service stderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

beforeAll(async () => {
  db = await createTestDatabase('gateway_e2e');
  nc = await connectNats();
  child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@rooftop/source', salesMain], {
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: salesTsconfig,
      GROUP_ID: GROUP,
      STORE_ID: storeId,
      DATABASE_URL: db.url,
      NATS_URL: natsUrl(),
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      STORE_STREAM_MAX_BYTES: String(16 * 1024 ** 2),
      COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  gateway = await testGateway(deployment, db.pool, nc);
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  if (nc) {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(storeStreamName(GROUP, storeId)).catch(() => undefined);
    await nc.close();
  }
  await db?.drop();
});

const CAPTURE = `mutation ($key: String) { captureLead(idempotencyKey: $key, input: {
  leadId: "e2e-1", customerId: "cust-e2e-1", channel: "walk_in", customerName: "Wang Fang", customerPhone: "13800138000", brand: "Changan", consultantId: "emp-a"
}) { commandId streamId events { type } } }`;

describe('gateway → NATS → the sales service process', () => {
  it('captures a lead by mutation and reads it back as a KPI', async () => {
    const token = await tokenFor({ sub: 'emp-a', storeIds: [storeId], roles: ['consultant'] });
    // The first attempts may find no responder while the service starts; the idempotency key makes retrying safe.
    const res = await eventually('the sales service answering', async () => {
      const attempt = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { key: 'e2e-capture-1' }, token });
      return codes(attempt).includes('UNAVAILABLE') ? undefined : attempt;
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.captureLead).toEqual({ commandId: 'e2e-capture-1', streamId: 'sales-lead-e2e-1', events: [{ type: 'LeadCaptured' }] });

    const again = await graphql(inProcess(gateway), 'http://gateway', CAPTURE, { variables: { key: 'e2e-capture-2' }, token });
    // The same lead id again: the service's own rule refuses it, and its code and reason come through.
    expect(codes(again)).toEqual(['INVALID_TRANSITION']);
    expect(typeof again.body.errors![0]!.extensions!.reason).toBe('string');

    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const leads = await eventually('the lead in the KPI facts', async () => {
      const kpis = await graphql(
        inProcess(gateway),
        'http://gateway',
        `{ kpis(names: ["sales.leads"], from: "${from}", to: "${to}", granularity: YEAR) { value } }`,
        { token },
      );
      // The range may straddle New Year: sum the (one or two) yearly points.
      const total = ((kpis.body.data?.kpis ?? []) as Array<{ value: number }>).reduce((sum, p) => sum + p.value, 0);
      return total > 0 ? total : undefined;
    });
    expect(leads).toBe(1);
  });
});
