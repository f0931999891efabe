import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { Readiness, type ReadinessCheck, type ReadinessReport } from './readiness.js';

export interface OpsServerOptions {
  readonly registry: Registry;
  readonly port: number;
  readonly host?: string;
  readonly logger?: Logger;
  /** Time limit of a readiness check that does not set its own. */
  readonly checkTimeoutMs?: number;
}

export interface OpsServer {
  /** Adds a check to `/readyz`; returns a function that removes it. */
  registerReadinessCheck(name: string, check: ReadinessCheck, options?: { timeoutMs?: number }): () => void;
  /** From now on `/readyz` answers 503, so load balancers stop sending work while shutdown hooks drain. */
  markShuttingDown(): void;
  /** Runs the readiness checks once (what `/readyz` serves). */
  checkReadiness(): Promise<ReadinessReport>;
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
  readonly server: Server;
}

export const READINESS_GAUGE = 'rooftop_readiness_check_up';

const readinessGauge = (registry: Registry): Gauge<'check'> =>
  (registry.getSingleMetric(READINESS_GAUGE) as Gauge<'check'> | undefined) ??
  new Gauge({
    name: READINESS_GAUGE,
    help: 'Outcome of each readiness check at the last /readyz (1 ok, 0 failing).',
    labelNames: ['check'],
    registers: [registry],
  });

const sendJson = (res: ServerResponse, status: number, body: unknown, head: boolean): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(head ? undefined : text);
};

/**
 * The operations endpoints of a process, on their own port so they never share a framework, auth or
 * middleware with the business API: `/metrics` (Prometheus text), `/healthz` (the process is up and its event
 * loop answers), `/readyz` (every registered dependency check passes).
 */
export const createOpsServer = (options: OpsServerOptions): OpsServer => {
  const readiness = new Readiness(options.checkTimeoutMs ?? 2_000);
  const gauge = readinessGauge(options.registry);
  const startedAt = performance.now();
  let shuttingDown = false;

  const checkReadiness = async (): Promise<ReadinessReport> => {
    const report = await readiness.run();
    for (const check of report.checks) gauge.set({ check: check.name }, check.ok ? 1 : 0);
    return report;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    switch (path) {
      case '/metrics': {
        const text = await options.registry.metrics();
        res.writeHead(200, { 'content-type': options.registry.contentType, 'cache-control': 'no-store' });
        res.end(head ? undefined : text);
        return;
      }
      case '/healthz':
        sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((performance.now() - startedAt) / 1000) }, head);
        return;
      case '/readyz': {
        if (shuttingDown) {
          sendJson(res, 503, { status: 'shutting-down', failing: [], checks: [] }, head);
          return;
        }
        const report = await checkReadiness();
        const failing = report.checks.filter((c) => !c.ok).map((c) => c.name);
        if (failing.length > 0) options.logger?.warn({ failing, checks: report.checks }, 'readiness checks failing');
        sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not-ready', failing, checks: report.checks }, head);
        return;
      }
      default:
        sendJson(res, 404, { error: 'not found', endpoints: ['/metrics', '/healthz', '/readyz'] }, head);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger?.error({ err: error, url: req.url }, 'ops endpoint failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' }, false);
      else res.destroy();
    });
  });
  // Probes are short requests; a stuck client must not keep the server (and so shutdown) waiting.
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  return {
    server,
    registerReadinessCheck: (name, check, checkOptions) => readiness.register(name, check, checkOptions),
    markShuttingDown: () => {
      shuttingDown = true;
    },
    checkReadiness,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host ?? '0.0.0.0', () => {
          server.off('error', reject);
          const { port } = server.address() as AddressInfo;
          // A wildcard bind is reachable on loopback, which is what the returned URL is for (tests, local probes).
          const bound = options.host ?? '0.0.0.0';
          const host = bound === '0.0.0.0' ? '127.0.0.1' : bound === '::' ? '::1' : bound;
          options.logger?.info({ port, host: bound }, 'ops server listening');
          resolve({ port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
};
