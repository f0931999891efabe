import { type ConnectionOptions, nkeyAuthenticator } from '@nats-io/nats-core';
import {
  connectionEnv,
  type CredentialSet,
  type GeneratedTls,
  generateCertificates,
  generateCredentials,
  inboxPrefix,
  leafLinkChanged,
  reloadNatsServer,
  seedOf,
  type StoreService,
  type UserRef,
  writeHubSecurity,
  writeStoreSecurity,
} from '@rooftop/nats-security';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type NatsServer, startNatsServer } from './nats-server.js';

// Test-started nats-server processes built from the real configs in infra/nats (variables filled in the way
// nats-server itself would from the environment) and the real trust boundary (@rooftop/nats-security): one HQ
// hub, one leaf per store, accounts per zone, a user per service, no anonymous access. The HQ tests, the
// authorization matrix and the hq benchmark run on it.

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

/** infra/nats/hub.conf on loopback ports (what `startHub` runs); its `security/` files go beside it. */
export const hubConfigFor = (o: { port: number; leafPort: number; monitorPort: number; jetstreamDir: string }): string =>
  renderNatsConfig('hub.conf', {
    HQ_SERVER_NAME: 'hq',
    HQ_NATS_LISTEN: `127.0.0.1:${o.port}`,
    HQ_NATS_MONITOR: `127.0.0.1:${o.monitorPort}`,
    HQ_JETSTREAM_DIR: o.jetstreamDir,
    HQ_LEAF_LISTEN: `127.0.0.1:${o.leafPort}`,
  });

export interface GroupTopologyOptions {
  readonly groupId: string;
  readonly storeIds: readonly string[];
  readonly integrators?: readonly string[];
  /** HQ's group stream, if a test names its own (default GROUP_EVENTS). */
  readonly groupStream?: string;
  /** TLS on client and leaf connections, with a CA made for the run. */
  readonly tls?: boolean;
}

/** How a test connects as one user: spread into `connect({ ...options })`. */
const optionsFor = (url: string, credentials: CredentialSet, ref: UserRef, tls: GeneratedTls | undefined): ConnectionOptions => ({
  servers: url,
  authenticator: nkeyAuthenticator(new TextEncoder().encode(seedOf(credentials, ref))),
  inboxPrefix: inboxPrefix(ref),
  ...(tls ? { tls: { caFile: tls.caFile } } : {}),
});

export interface Hub extends NatsServer {
  readonly leafUrl: string;
  /** The hub's monitoring endpoint, on loopback. */
  readonly monitorUrl: string;
  /** The secrets of every user and leaf; `reload` replaces them. */
  readonly credentials: CredentialSet;
  /** The directory whose `security/` files the hub's config includes (what `writeHubSecurity` writes). */
  readonly securityConfDir: string;
  readonly tls: GeneratedTls | undefined;
  /** Leaf nodes connected now (the hub's monitoring endpoint /leafz). */
  leafCount(): Promise<number>;
  /** Connection options of a user of the hub's zones (HQ, integrators, system). */
  connectOptions(ref: UserRef): ConnectionOptions;
  /** What a process started by the test (hq-projector, gateway) needs in its env to connect here as `ref`. */
  env(ref: UserRef): Record<string, string>;
  /**
   * Renders the hub's security again with `credentials` and reloads it (no restart); resolves once loaded. A
   * changed leaf password restarts it instead (`leafLinkChanged`), keeping its streams.
   */
  reload(credentials: CredentialSet): Promise<void>;
}

export interface StoreLeaf extends NatsServer {
  readonly storeId: string;
  connectOptions(user: StoreService | 'gateway'): ConnectionOptions;
  env(user: StoreService | 'gateway'): Record<string, string>;
  /**
   * Renders the leaf's security again and reloads it; a changed leaf password restarts the server instead
   * (nats-server 2.9 cannot reload a leaf-node remote), keeping its streams.
   */
  reload(credentials: CredentialSet): Promise<void>;
}

/**
 * The HQ hub (JetStream domain `hq`, infra/nats/hub.conf) secured for `options`' group and stores, on free
 * loopback ports, its data and credentials in a temp dir.
 */
export const startHub = async (options: GroupTopologyOptions): Promise<Hub> => {
  const [port, leafPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-hq-'));
  const tls = options.tls ? generateCertificates(join(dir, 'tls'), ['localhost', '127.0.0.1']) : undefined;
  const serverTls = tls ? { certFile: tls.certFile, keyFile: tls.keyFile, caFile: tls.caFile } : undefined;
  let credentials = generateCredentials({
    groupId: options.groupId,
    stores: options.storeIds.map((storeId) => ({ storeId })),
    ...(options.integrators ? { integrators: options.integrators } : {}),
    ...(options.groupStream ? { groupStream: options.groupStream } : {}),
  });
  const confDir = join(dir, 'conf');
  mkdirSync(confDir);
  await writeHubSecurity(confDir, credentials, { ...(serverTls ? { tls: serverTls } : {}) });
  const config = hubConfigFor({ port, leafPort, monitorPort, jetstreamDir: join(dir, 'jetstream') });
  const server = await startNatsServer({ jetstream: false, port, config, configDir: confDir });
  const monitorUrl = `http://127.0.0.1:${monitorPort}`;
  return {
    ...server,
    async dispose() {
      await server.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
    leafUrl: `nats-leaf://127.0.0.1:${leafPort}`,
    monitorUrl,
    securityConfDir: confDir,
    get credentials() {
      return credentials;
    },
    tls,
    async leafCount() {
      const response = await fetch(`${monitorUrl}/leafz`);
      return ((await response.json()) as { leafnodes: number }).leafnodes;
    },
    connectOptions: (ref) => optionsFor(server.url, credentials, ref, tls),
    env: (ref) => ({ NATS_URL: server.url, ...connectionEnv(credentials, ref, tls) }),
    async reload(next) {
      const restart = leafLinkChanged(credentials, next);
      credentials = next;
      await writeHubSecurity(confDir, next, { ...(serverTls ? { tls: serverTls } : {}) });
      if (restart) await server.restart();
      else await reloadNatsServer(server.pid() ?? 0, { monitorUrl });
    },
  };
};

/** A store's own server (JetStream domain = store id, infra/nats/store-leaf.conf), a leaf of `hub` bound to its account; `stop`/`restart` keep its streams. */
export const startStoreLeaf = async (storeId: string, hub: Hub): Promise<StoreLeaf> => {
  const [port, monitorPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), `rooftop-leaf-${storeId}-`));
  const serverTls = hub.tls ? { certFile: hub.tls.certFile, keyFile: hub.tls.keyFile, caFile: hub.tls.caFile } : undefined;
  const write = (set: CredentialSet) => writeStoreSecurity(dir, set, storeId, { hubLeafUrl: hub.leafUrl, ...(serverTls ? { tls: serverTls } : {}) });
  let credentials = hub.credentials;
  write(credentials);
  const config = renderNatsConfig('store-leaf.conf', {
    STORE_SERVER_NAME: `store-${storeId}`,
    STORE_NATS_LISTEN: `127.0.0.1:${port}`,
    STORE_ID: storeId,
    STORE_JETSTREAM_DIR: join(dir, 'jetstream'),
  });
  // Monitoring only to see a reload land; on loopback like the hub's.
  writeFileSync(join(dir, 'monitor.conf'), `http: "127.0.0.1:${monitorPort}"\n`);
  const server = await startNatsServer({ jetstream: false, port, config: `${config}\ninclude "monitor.conf"\n`, configDir: dir });
  const ref = (user: StoreService | 'gateway'): UserRef => ({ zone: 'store', storeId, user });
  return {
    ...server,
    storeId,
    async dispose() {
      await server.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
    connectOptions: (user) => optionsFor(server.url, credentials, ref(user), hub.tls),
    env: (user) => ({ NATS_URL: server.url, ...connectionEnv(credentials, ref(user), hub.tls) }),
    async reload(next) {
      const relink = leafLinkChanged(credentials, next, [storeId]);
      credentials = next;
      write(next);
      if (relink) await server.restart();
      else await reloadNatsServer(server.pid() ?? 0, { monitorUrl: `http://127.0.0.1:${monitorPort}` });
    },
  };
};
