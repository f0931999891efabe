// The demo's NATS in the real deployment shape: an HQ hub (JetStream domain "hq") and one leaf per store (its own
// JetStream domain = the store id), started from infra/nats/hub.conf and store-leaf.conf for this session, with the
// real trust boundary (@rooftop/nats-security): an account per zone, an nkey user per service, authenticated leaf
// links, no anonymous access, monitoring on loopback. The credentials are made for the session and go with it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PreflightError, portAnswers } from './preflight.mjs';

const natsDir = fileURLToPath(new URL('../nats/', import.meta.url));

/** The config file with its `$VARIABLE` references filled in (quoted unless a plain token), comments untouched. */
export const renderNatsConfig = (file, vars) =>
  readFileSync(join(natsDir, file), 'utf8')
    .split('\n')
    .map((line) =>
      line.trimStart().startsWith('#')
        ? line
        : line.replace(/\$([A-Z][A-Z0-9_]*)/g, (ref, name) => {
            if (vars[name] === undefined) throw new Error(`${file}: no value for ${ref}`);
            return /^[A-Za-z0-9_-]+$/.test(vars[name]) ? vars[name] : JSON.stringify(vars[name]);
          }),
    )
    .join('\n');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const startServer = async (dir, name, config, port) => {
  if (await portAnswers('127.0.0.1', port, 300)) {
    throw new PreflightError(`Port ${port} is taken, and the demo's NATS ${name} needs it. Free it or set NATS_PORT_BASE to another range.`);
  }
  // Each server's config in a directory of its own: its `include "security/…"` files sit beside it.
  const file = join(dir, name, 'nats.conf');
  writeFileSync(file, config);
  // Its own process group: a terminal's Ctrl-C reaches start.mjs alone, which stops the services while NATS is
  // still up (in the terminal's group, every nats-server quit at once and each service's drain failed slowly).
  // Killed with this process if it exits without stopping it; only a SIGKILL of start.mjs leaves it running.
  const child = spawn('nats-server', ['-c', file], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  for (let i = 0; i < 100 && !(await portAnswers('127.0.0.1', port, 200)); i += 1) {
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  if (!(await portAnswers('127.0.0.1', port, 500))) {
    child.kill('SIGKILL');
    throw new PreflightError(`nats-server (${name}) did not start on port ${port}:\n${stderr.trim()}`);
  }
  return {
    name,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

/**
 * Starts the hub and one leaf per store on `127.0.0.1`, ports from `portBase`: hub clients `portBase`, hub leaf
 * listener `portBase + 1`, hub monitoring `portBase + 2`, store i's clients `portBase + 10 + i`. Resolves when every
 * leaf has joined the hub; `stop()` stops the leaves, then the hub, and removes the data directories.
 */
export async function startNatsTopology({ groupId, storeIds, integrators = [], portBase, log }) {
  if (spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new PreflightError(
      'npm start runs a NATS hub and one leaf per store (the deployment shape), so it needs the nats-server binary.\n' +
        '  Install it: apt-get install nats-server   (or https://github.com/nats-io/nats-server/releases)\n' +
        '  or run the whole group in Docker: docker compose up',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-demo-nats-'));
  // Built by `npm start` with the services (dist/), so imported only now.
  const security = await import('@rooftop/nats-security');
  const credentials = security.generateCredentials({ groupId, stores: storeIds.map((storeId) => ({ storeId })), integrators });
  security.writeCredentials(join(dir, 'credentials'), credentials);
  const servers = [];
  const stop = async () => {
    for (const server of servers.reverse()) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const hub = { client: portBase, leaf: portBase + 1, monitor: portBase + 2 };
    mkdirSync(join(dir, 'hub'));
    await security.writeHubSecurity(join(dir, 'hub'), credentials);
    servers.push(
      await startServer(
        dir,
        'hub',
        renderNatsConfig('hub.conf', {
          HQ_SERVER_NAME: 'hq',
          HQ_NATS_LISTEN: `127.0.0.1:${hub.client}`,
          HQ_NATS_MONITOR: `127.0.0.1:${hub.monitor}`,
          HQ_JETSTREAM_DIR: join(dir, 'hq'),
          HQ_LEAF_LISTEN: `127.0.0.1:${hub.leaf}`,
        }),
        hub.client,
      ),
    );
    const stores = {};
    for (const [i, storeId] of storeIds.entries()) {
      const port = portBase + 10 + i;
      mkdirSync(join(dir, `leaf-${storeId}`));
      security.writeStoreSecurity(join(dir, `leaf-${storeId}`), credentials, storeId, { hubLeafUrl: `nats-leaf://127.0.0.1:${hub.leaf}` });
      servers.push(
        await startServer(
          dir,
          `leaf-${storeId}`,
          renderNatsConfig('store-leaf.conf', {
            STORE_SERVER_NAME: `store-${storeId}`,
            STORE_NATS_LISTEN: `127.0.0.1:${port}`,
            STORE_ID: storeId,
            STORE_JETSTREAM_DIR: join(dir, storeId),
          }),
          port,
        ),
      );
      stores[storeId] = `nats://127.0.0.1:${port}`;
    }
    for (let i = 0; ; i += 1) {
      const leafs = await fetch(`http://127.0.0.1:${hub.monitor}/leafz`)
        .then((r) => r.json())
        .then(
          (j) => j.leafnodes,
          () => 0,
        );
      if (leafs >= storeIds.length) break;
      if (i > 150) throw new PreflightError(`only ${leafs} of ${storeIds.length} store leaves joined the NATS hub`);
      await sleep(100);
    }
    log(
      `NATS: hub nats://127.0.0.1:${hub.client} (JetStream domain hq), one leaf per store (${Object.values(stores).join(', ')}); ` +
        `no anonymous access, one nkey user per service (seeds in ${join(dir, 'credentials', 'users')})`,
    );
    /** The env a process connects with as `ref` (a UserRef of @rooftop/nats-security): its URL, seed and inbox prefix. */
    const env = (ref) => ({
      NATS_URL: ref.zone === 'store' ? stores[ref.storeId] : `nats://127.0.0.1:${hub.client}`,
      ...security.connectionEnv(credentials, ref),
    });
    /** Where user `key`'s seed is (`integrators/demo-oem`): the file to hand over. */
    const seedFile = (key) => join(dir, 'credentials', 'users', `${key}.nk`);
    return { hubUrl: `nats://127.0.0.1:${hub.client}`, stores, env, seedFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
