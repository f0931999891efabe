import { createServer } from 'node:net';
import { type NatsConnection, connect } from '@nats-io/transport-node';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsReadinessCheck, postgresReadinessCheck } from './dependency-checks.js';
import { createMetricsRegistry } from './metrics.js';
import { createOpsServer } from './ops-server.js';

/** A loopback port nothing listens on (bound, then released). */
const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });

describe('dependency readiness checks against the real PostgreSQL and NATS', () => {
  let db: TestDatabase;
  let nats: NatsConnection;

  beforeAll(async () => {
    db = await createTestDatabase('platform_ready');
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  });
  afterAll(async () => {
    if (!nats.isClosed()) await nats.close();
    await db?.drop();
  });

  it('postgres: passes on a live pool, fails (503 with the reason) when the server cannot be reached', async () => {
    const deadUrl = new URL(db.url);
    deadUrl.port = String(await closedPort());
    const deadPool = new pg.Pool({ connectionString: deadUrl.toString(), connectionTimeoutMillis: 5_000 });
    deadPool.on('error', () => undefined);
    const ops = createOpsServer({
      registry: createMetricsRegistry({ service: 't', defaultMetrics: false }),
      port: 0,
      host: '127.0.0.1',
      checkTimeoutMs: 20_000,
    });
    const removeLive = ops.registerReadinessCheck('postgres', postgresReadinessCheck(db.pool));
    const { url } = await ops.listen();
    try {
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      removeLive();
      ops.registerReadinessCheck('postgres', postgresReadinessCheck(deadPool));
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { failing: string[]; checks: Array<{ error?: string }> };
      expect(body.failing).toEqual(['postgres']);
      expect(body.checks[0]?.error).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await ops.close();
      await deadPool.end();
    }
  });

  it('postgres: works with a single pg.Client too', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await expect(postgresReadinessCheck(client)(new AbortController().signal)).resolves.toBeUndefined();
    } finally {
      await client.end();
    }
  });

  it('nats: passes on an open connection (PING round trip), fails once it is closed', async () => {
    const check = natsReadinessCheck(nats);
    await expect(check(new AbortController().signal)).resolves.toBeUndefined();
    await nats.close();
    await expect(check(new AbortController().signal)).rejects.toThrow('NATS connection is closed');
  });
});
