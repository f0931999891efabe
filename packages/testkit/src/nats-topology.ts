import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type NatsServer, startNatsServer } from './nats-server.js';

// Test-started nats-server processes built from the real configs in infra/nats (variables filled in the way
// nats-server itself would from the environment): one HQ hub, one leaf per store. The HQ tests and the hq
// benchmark both run on it.

const infra = (file: string): string => new URL(`../../../infra/nats/${file}`, import.meta.url).pathname;

/** Replaces `$NAME` references of a config in infra/nats with values; every reference must be given one. */
export const renderNatsConfig = (file: string, vars: Record<string, string>): string => {
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

export interface Hub extends NatsServer {
  readonly leafUrl: string;
  /** Leaf nodes connected now (the hub's monitoring endpoint /leafz). */
  leafCount(): Promise<number>;
  /** Re-reads the config (SIGHUP) and resolves once the server says it has (/varz `config_load_time` moved). */
  reload(): Promise<void>;
}

export interface HubOptions {
  /** Lines appended to hub.conf (an `include` of one of `files`). */
  readonly extraConfig?: string;
  /** Files written beside the config. */
  readonly files?: Readonly<Record<string, string>>;
}

const withDir = (server: NatsServer, dir: string): NatsServer => ({
  ...server,
  async dispose() {
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  },
});

/** The HQ hub (JetStream domain `hq`, infra/nats/hub.conf) on free loopback ports, its data in a temp dir. */
export const startHub = async (options: HubOptions = {}): Promise<Hub> => {
  const [port, leafPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-hq-'));
  const config = renderNatsConfig('hub.conf', {
    HQ_SERVER_NAME: 'hq',
    HQ_NATS_LISTEN: `127.0.0.1:${port}`,
    HQ_NATS_MONITOR: `127.0.0.1:${monitorPort}`,
    HQ_JETSTREAM_DIR: dir,
    HQ_LEAF_LISTEN: `127.0.0.1:${leafPort}`,
  });
  const server = await startNatsServer({ jetstream: false, port, config: `${config}\n${options.extraConfig ?? ''}\n`, files: options.files ?? {} });
  const varz = async () => ((await (await fetch(`http://127.0.0.1:${monitorPort}/varz`)).json()) as { config_load_time: string }).config_load_time;
  return {
    ...withDir(server, dir),
    leafUrl: `nats-leaf://127.0.0.1:${leafPort}`,
    async leafCount() {
      const response = await fetch(`http://127.0.0.1:${monitorPort}/leafz`);
      return ((await response.json()) as { leafnodes: number }).leafnodes;
    },
    async reload() {
      const before = await varz();
      server.signalReload();
      for (let i = 0; i < 200 && (await varz()) === before; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      if ((await varz()) === before) throw new Error('nats-server did not reload its config within 5 s');
    },
  };
};

/** A store's own server (JetStream domain = store id, infra/nats/store-leaf.conf), a leaf of `hub`; `stop`/`restart` keep its streams. */
export const startStoreLeaf = async (storeId: string, hub: Hub): Promise<NatsServer> => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `rooftop-leaf-${storeId}-`));
  const config = renderNatsConfig('store-leaf.conf', {
    STORE_SERVER_NAME: `store-${storeId}`,
    STORE_NATS_LISTEN: `127.0.0.1:${port}`,
    STORE_ID: storeId,
    STORE_JETSTREAM_DIR: dir,
    HQ_LEAF_URL: hub.leafUrl,
  });
  return withDir(await startNatsServer({ jetstream: false, port, config }), dir);
};
