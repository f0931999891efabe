#!/usr/bin/env node
// `npm start`: builds Rooftop and runs one store's services in this process against PostgreSQL and NATS.
//
//   GROUP_ID (demo-group)  STORE_ID (sh-001)  STORE_TIME_ZONE (Asia/Shanghai)
//   DATABASE_URL (postgres://postgres@127.0.0.1:5432/rooftop_<store>)  NATS_URL (nats://127.0.0.1:4222)
//   OPS_PORT_BASE (9464: each service's /metrics /healthz /readyz on the next port)
//
// The store's database is created when missing; when no NATS answers locally and nats-server is installed, one is
// started for the session. Ctrl-C stops every service in order (intake first, then drains, then connections).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, ensureNats, PreflightError, redact } from './start/preflight.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const log = (message) => process.stdout.write(`[rooftop] ${message}\n`);

/** The store's services, in start order. Each package exports `load<X>Config(env)` and `start<X>Service(config)`. */
const SERVICES = [
  { name: 'sales', module: '@rooftop/sales-service', load: 'loadSalesConfig', start: 'startSalesService' },
  { name: 'workshop', module: '@rooftop/workshop-service', load: 'loadWorkshopConfig', start: 'startWorkshopService' },
];

const env = process.env;
const groupId = env.GROUP_ID ?? 'demo-group';
const storeId = env.STORE_ID ?? 'sh-001';
const databaseUrl = env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/rooftop_${storeId.replaceAll('-', '_')}`;
const natsUrl = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const opsPortBase = Number(env.OPS_PORT_BASE ?? 9464);

const running = [];
let stopNats = async () => {};
let stopping = false;

async function stopAll(reason) {
  if (stopping) return;
  stopping = true;
  log(`stopping (${reason})`);
  for (const { name, handle } of running.reverse()) {
    const outcome = await handle.close().catch((error) => ({ error }));
    log(`${name} stopped${outcome?.error ? ` with an error: ${outcome.error.message}` : ''}`);
  }
  await stopNats();
}

async function main() {
  const adminUrl = new URL(databaseUrl);
  const database = decodeURIComponent(adminUrl.pathname.slice(1));
  adminUrl.pathname = '/postgres';
  await ensureDatabase(adminUrl.toString(), database);
  stopNats = await ensureNats(natsUrl, log);

  if (env.ROOFTOP_SKIP_BUILD !== '1') {
    log('building the services and the packages they use (turbo run build)');
    const filters = SERVICES.map((service) => `--filter=${service.module}...`);
    const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed; see the compiler output above');
  }

  for (const [index, service] of SERVICES.entries()) {
    const module = await import(service.module);
    const config = module[service.load]({
      ...env,
      GROUP_ID: groupId,
      STORE_ID: storeId,
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      HTTP_HOST: env.HTTP_HOST ?? '127.0.0.1',
      HTTP_PORT: String(opsPortBase + index),
    });
    const handle = await module[service.start](config);
    running.push({ name: service.name, handle });
    log(`${service.name} is taking commands on rooftop.${storeId}.${service.name}.cmd.* — ops at ${handle.opsUrl}`);
  }
  log(`ready: group ${groupId}, store ${storeId}, database ${redact(databaseUrl)}, NATS ${natsUrl}. Ctrl-C stops.`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopAll(signal).then(() => process.exit(0), () => process.exit(1));
  });
}

main().catch(async (error) => {
  process.stderr.write(`[rooftop] ${error instanceof PreflightError ? error.message : error.stack ?? error}\n`);
  await stopAll('start failed');
  process.exit(1);
});
