import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logging.js';
import { Counter, createMetricsRegistry } from './metrics.js';
import { createOpsServer, type OpsServer } from './ops-server.js';

const servers: OpsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const start = async (checkTimeoutMs = 10_000) => {
  const registry = createMetricsRegistry({ service: 'workshop', storeId: 'store-01' });
  const lines: string[] = [];
  const logger = createLogger({ service: 'workshop', destination: { write: (line: string) => void lines.push(line) } });
  const ops = createOpsServer({ registry, port: 0, host: '127.0.0.1', logger, checkTimeoutMs });
  servers.push(ops);
  const { url } = await ops.listen();
  return { ops, registry, url, lines };
};

interface ReadyBody {
  status: string;
  failing: string[];
  checks: Array<{ name: string; ok: boolean; error?: string }>;
}

describe('ops server', () => {
  it('serves Prometheus text with default metrics, default labels and a custom counter', async () => {
    const { registry, url } = await start();
    const commands = new Counter({ name: 'rooftop_commands_total', help: 'Commands handled.', labelNames: ['type'], registers: [registry] });
    commands.inc({ type: 'OpenRepairOrder' }, 3);
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE rooftop_commands_total counter');
    expect(text).toContain('rooftop_commands_total{type="OpenRepairOrder",service="workshop",store="store-01"} 3');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="workshop",store="store-01"\} /m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers /healthz while the process is up, and 404/405 elsewhere', async () => {
    const { url } = await start();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const post = await fetch(`${url}/readyz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('/readyz is 503 listing the failing check, then 200 once it passes; the gauge follows', async () => {
    const { ops, url, lines } = await start();
    let migrated = false;
    ops.registerReadinessCheck('migrations', () => {
      if (!migrated) throw new Error('schema not migrated yet');
    });
    ops.registerReadinessCheck('always', () => true);

    const notReady = await fetch(`${url}/readyz`);
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as ReadyBody;
    expect(body).toMatchObject({ status: 'not-ready', failing: ['migrations'] });
    expect(body.checks.find((c) => c.name === 'migrations')).toMatchObject({ ok: false, error: 'schema not migrated yet' });
    expect(lines.some((line) => line.includes('readiness checks failing'))).toBe(true);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('rooftop_readiness_check_up{check="migrations",service="workshop",store="store-01"} 0');

    migrated = true;
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', failing: [] });
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('rooftop_readiness_check_up{check="migrations",service="workshop",store="store-01"} 1');
  });

  it('times out a hanging check (503) without holding up the answer for the others', async () => {
    const { ops, url } = await start(10_000);
    ops.registerReadinessCheck('hangs', () => new Promise(() => undefined), { timeoutMs: 200 });
    ops.registerReadinessCheck('fine', async () => undefined);
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as ReadyBody;
    expect(body.failing).toEqual(['hangs']);
    expect(body.checks.find((c) => c.name === 'hangs')).toMatchObject({ ok: false, error: 'timed out after 200 ms' });
    expect(body.checks.find((c) => c.name === 'fine')).toMatchObject({ ok: true });
  });

  it('answers 503 on /readyz once shutting down, while /healthz and /metrics keep working', async () => {
    const { ops, url } = await start();
    ops.registerReadinessCheck('always', () => true);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    ops.markShuttingDown();
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'shutting-down' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
  });

  it('closes even with a keep-alive connection open', async () => {
    const { ops, url } = await start();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await ops.close();
    expect(ops.server.listening).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
