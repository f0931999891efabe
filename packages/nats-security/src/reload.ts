import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CredentialSet } from './credentials.js';
import { renderHubSecurity, renderStoreSecurity, type ServerTls } from './render.js';

/** Writes the hub's rendered security files into `<confDir>/security/` (next to infra/nats/hub.conf). */
export const writeHubSecurity = async (confDir: string, set: CredentialSet, options: { readonly tls?: ServerTls } = {}): Promise<void> => {
  const files = await renderHubSecurity(set, options);
  mkdirSync(join(confDir, 'security'), { recursive: true, mode: 0o700 });
  writeFileSync(join(confDir, 'security', 'hub.conf'), files.main, { mode: 0o600 });
  writeFileSync(join(confDir, 'security', 'hub-leafnodes.conf'), files.leafnodes, { mode: 0o600 });
};

/** Writes a store leaf's `<confDir>/security/store.conf` (next to infra/nats/store-leaf.conf). */
export const writeStoreSecurity = (
  confDir: string,
  set: CredentialSet,
  storeId: string,
  options: { readonly hubLeafUrl: string; readonly tls?: ServerTls },
): void => {
  mkdirSync(join(confDir, 'security'), { recursive: true, mode: 0o700 });
  writeFileSync(join(confDir, 'security', 'store.conf'), renderStoreSecurity(set, storeId, options), { mode: 0o600 });
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a running nats-server re-read its configuration (SIGHUP, what `nats-server --signal reload=<pid>` sends):
 * users, permissions, accounts and their imports/exports change without a restart; connections whose user is
 * gone or whose credentials changed are closed. With `monitorUrl` (the server's loopback monitoring address) it
 * resolves once the server reports the new configuration loaded, and rejects if it did not within `timeoutMs`
 * (a config the server refuses leaves the old one running and logs why).
 */
export const reloadNatsServer = async (pid: number, options: { readonly monitorUrl?: string; readonly timeoutMs?: number } = {}): Promise<void> => {
  const loadedAt = async (): Promise<string> => {
    const varz = (await (await fetch(`${options.monitorUrl}/varz`)).json()) as { config_load_time: string };
    return varz.config_load_time;
  };
  const before = options.monitorUrl ? await loadedAt() : undefined;
  process.kill(pid, 'SIGHUP');
  if (!options.monitorUrl) return;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    if ((await loadedAt()) !== before) return;
    await delay(50);
  }
  throw new Error(`nats-server ${pid} did not load its new configuration within ${options.timeoutMs ?? 10_000} ms (see its log)`);
};

/**
 * Whether moving a server from `previous` to `next` needs a restart rather than a reload: a changed store-leaf
 * password. Measured on nats-server 2.9.10: a leaf-node remote cannot be reloaded at all ("config reload not
 * supported for LeafNode"), and at the hub a reload that changes a leaf user's password authenticates new links
 * but leaves the first one without the replies of HQ's commands (docs/adr/0015). User keys never need one.
 */
export const leafLinkChanged = (previous: CredentialSet, next: CredentialSet, storeIds?: readonly string[]): boolean =>
  Object.keys({ ...previous.leafPasswords, ...next.leafPasswords })
    .filter((storeId) => storeIds === undefined || storeIds.includes(storeId))
    .some((storeId) => previous.leafPasswords[storeId] !== next.leafPasswords[storeId]);
