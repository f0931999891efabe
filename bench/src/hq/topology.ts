import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NatsServer, startNatsServer } from '@rooftop/testkit';

// The HQ topology as the hq-projector e2e tests start it (services/hq-projector/test/fixtures/topology.ts,
// ported: bench may not import another workspace's tests): nats-server processes built from the real configs
// in infra/nats, `$VARIABLE` references filled the way nats-server would fill them from the environment.

const infra = (file: string): string => new URL(`../../../infra/nats/${file}`, import.meta.url).pathname;

const renderNatsConfig = (file: string, vars: Record<string, string>): string => {
  const text = readFileSync(infra(file), 'utf8');
  const fill = (line: string) =>
    line.replace(/\$([A-Z][A-Z0-9_]*)/g, (ref: string, name: string) => {
      const value = vars[name];
      if (value === undefined) throw new Error(`${file}: no value for ${ref}`);
      return /^[A-Za-z0-9_-]+$/.test(value) ? value : JSON.stringify(value);
    });
  return text
    .split('\n')
    .map((line) => (line.trimStart().startsWith('#') ? line : fill(line)))
    .join('\n');
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export interface Hub extends NatsServer {
  readonly leafUrl: string;
  /** Leaf nodes connected now (the hub's monitoring endpoint /leafz). */
  leafCount(): Promise<number>;
}

const withDir = (server: NatsServer, dir: string): NatsServer => ({
  ...server,
  async dispose() {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  },
});

export const startHub = async (): Promise<Hub> => {
  const [port, leafPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-bench-hq-'));
  const config = renderNatsConfig('hub.conf', {
    HQ_SERVER_NAME: 'hq',
    HQ_NATS_LISTEN: `127.0.0.1:${port}`,
    HQ_NATS_MONITOR: `127.0.0.1:${monitorPort}`,
    HQ_JETSTREAM_DIR: dir,
    HQ_LEAF_LISTEN: `127.0.0.1:${leafPort}`,
  });
  const server = await startNatsServer({ jetstream: false, port, config });
  return {
    ...withDir(server, dir),
    leafUrl: `nats-leaf://127.0.0.1:${leafPort}`,
    async leafCount() {
      const response = await fetch(`http://127.0.0.1:${monitorPort}/leafz`);
      return ((await response.json()) as { leafnodes: number }).leafnodes;
    },
  };
};

/** A store's own server (JetStream domain = store id), a leaf of the hub; `stop`/`restart` keep its streams. */
export const startStoreLeaf = async (storeId: string, hub: Hub): Promise<NatsServer> => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `rooftop-bench-leaf-${storeId}-`));
  const config = renderNatsConfig('store-leaf.conf', {
    STORE_SERVER_NAME: `store-${storeId}`,
    STORE_NATS_LISTEN: `127.0.0.1:${port}`,
    STORE_ID: storeId,
    STORE_JETSTREAM_DIR: dir,
    HQ_LEAF_URL: hub.leafUrl,
  });
  return withDir(await startNatsServer({ jetstream: false, port, config }), dir);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it is true; throws `what` after `timeoutMs`. */
export const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> => {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
};
