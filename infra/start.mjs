#!/usr/bin/env node
// `npm start`: a demo dealer group in one command. Builds, creates the demo databases, starts a NATS hub with one
// leaf per store, the five services (sales, workshop, parts, insurance, HR) of 3 stores, the HQ projector, a store
// gateway and the HQ gateway, runs the simulator over the last months, then prints GraphiQL URLs, tokens and example
// queries.
//
//   DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres: the server; the demo uses databases <DEMO_DB_PREFIX>_*,
//     dropped and created again at every start; when nothing listens there, they are embedded PGlite instances in
//     memory instead, served on a free loopback port: infra/start/pglite.mjs)
//   DEMO_DB_PREFIX (rooftop_demo)   GROUP_ID (demo-group)
//   DEMO_MONTHS (6)  DEMO_SCALE (0.05 of the documents' volumes)  DEMO_SEED (42)  DEMO_END (today, China time)
//   NATS_PORT_BASE (4230: hub, hub leaf port +1, monitor +2, store leaves +10..)  OPS_PORT_BASE (9464)
//   GATEWAY_PORT (4000: the store gateway; HQ on the next port)  LOG_LEVEL (warn)
//
// Ctrl-C stops everything in order: the simulator, gateways, HQ, the services, then NATS, then embedded PGlite.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { commandKeys as makeCommandKeys } from './start/command-keys.mjs';
import { createDemoClock, demoDatabases, startDemoGroup } from './start/demo-group.mjs';
import { DEMO_INTEGRATOR, startDemoIntegrator } from './start/demo-integrator.mjs';
import { printReady } from './start/demo-print.mjs';
import { startNatsTopology } from './start/nats-topology.mjs';
import { stallExplanation, startEmbeddedPostgres } from './start/pglite.mjs';
import { PreflightError, postgresListens, recreateDatabase, redact } from './start/preflight.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const log = (message) => process.stdout.write(`[rooftop] ${message}\n`);
const env = process.env;
const groupId = env.GROUP_ID ?? 'demo-group';
let serverUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let embedded;
const int = (name, fallback) => Number(env[name] ?? fallback);

const running = [];
let stopNats = async () => {};
let stopPostgres = async () => {};
const aborter = new AbortController();
let stopping = false;

async function stopAll(reason) {
  if (stopping) return;
  stopping = true;
  log(`stopping (${reason})`);
  aborter.abort();
  for (const { name, close } of running.reverse()) {
    const outcome = await close().catch((error) => ({ error }));
    log(`${name} stopped${outcome?.error ? ` with an error: ${outcome.error.message}` : ''}`);
  }
  await stopNats();
  await stopPostgres();
  log('stopped');
}

async function main() {
  if (env.ROOFTOP_SKIP_BUILD !== '1') {
    log('building the five services, the gateway, the HQ projector and the simulator (turbo run build)');
    const filters = [
      '@rooftop/sales-service',
      '@rooftop/workshop-service',
      '@rooftop/parts-service',
      '@rooftop/insurance-service',
      '@rooftop/hr-service',
      '@rooftop/hq-projector',
      '@rooftop/gateway',
      '@rooftop/simulator',
      '@rooftop/nats-security',
      '@rooftop/integrator-grants',
    ].map((m) => `--filter=${m}...`);
    const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed; see the compiler output above');
  }
  const { demoStores, simulate, summary, settle } = await import('@rooftop/simulator');
  const { createCommandSigner } = await import('@rooftop/messaging');
  const stores = demoStores(3);
  if (await postgresListens(serverUrl)) {
    for (const database of demoDatabases(stores)) await recreateDatabase(serverUrl, database);
    log(`databases ${demoDatabases(stores).join(', ')} created on ${redact(serverUrl)}`);
  } else {
    log(`no PostgreSQL listens at ${redact(serverUrl)}: starting embedded PGlite (in memory; the demo's data is gone when it stops)`);
    embedded = await startEmbeddedPostgres({ databases: demoDatabases(stores), log, onStall: stalled });
    stopPostgres = embedded.stop;
    serverUrl = embedded.serverUrl;
    log(
      `embedded PGlite: databases ${demoDatabases(stores).join(', ')} on 127.0.0.1:${embedded.port} (psql -h 127.0.0.1 -p ${embedded.port} -U postgres <database>)`,
    );
  }

  const nats = await startNatsTopology({
    groupId,
    storeIds: stores.map((s) => s.storeId),
    integrators: [DEMO_INTEGRATOR],
    portBase: int('NATS_PORT_BASE', 4230),
    log,
  });
  stopNats = nats.stop;
  const clock = createDemoClock();
  const jwtSecret = randomBytes(32).toString('base64url');
  const commandKeys = makeCommandKeys({ gatewayKid: 'demo-gateway', simulatorKid: 'demo-simulator' });
  const group = await startDemoGroup({
    env,
    stores,
    groupId,
    serverUrl,
    nats,
    clock,
    jwtSecret,
    commandKeys,
    opsPortBase: int('OPS_PORT_BASE', 9464),
    gatewayPort: int('GATEWAY_PORT', 4000),
    running,
    log,
  });
  const integrator = await startDemoIntegrator({ groupId, nats, projector: group.projector, running, log });

  const { connect } = await import('@nats-io/transport-node');
  const { natsConnectionOptionsFromEnv } = await import('@rooftop/platform');
  // The simulator is HQ's `simulator` user: it may send any store's commands through the hub, nothing else.
  const nc = await connect(natsConnectionOptionsFromEnv(nats.env({ zone: 'hq', user: 'simulator' }), 'rooftop-demo-simulator'));
  running.push({ name: 'simulator connection', close: () => nc.drain() });
  const options = {
    stores: stores.length,
    months: int('DEMO_MONTHS', 6),
    seed: int('DEMO_SEED', 42),
    scale: Number(env.DEMO_SCALE ?? 0.05),
    end: env.DEMO_END ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
  };
  log(`simulating ${options.months} month(s) of ${stores.length} stores (seed ${options.seed}, scale ${options.scale}) through the real commands`);
  // 8 commands in flight: enough to keep 3 stores busy without a pool's worth of PostgreSQL connections per store.
  // Commission statements are computed from HR's projections: the store settles before they are issued.
  const settleStore = (storeId) => settle({ services: stores.find((s) => s.storeId === storeId).services, timeoutMs: 60_000 });
  const signer = createCommandSigner(commandKeys.simulator);
  const result = await simulate({
    ...options,
    concurrency: 8,
    nc,
    signer,
    progress: process.stdout,
    onClock: clock.follow,
    signal: aborter.signal,
    settle: settleStore,
  });
  for (const line of summary(result)) log(line);
  if (aborter.signal.aborted) return;
  // The simulated past is over: timers due by now (follow-up deadlines, reminders) fire, then HQ catches up.
  clock.release();
  await Promise.all(stores.map((store) => settle({ services: store.services, timeoutMs: 180_000 })));
  await waitForHq(group.projector.pool, group.projector.config.HQ_SCHEMA, stores);
  if (aborter.signal.aborted) return;
  const last = new Date(`${options.end}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  await printReady({ log, groupId, stores, ...group, integrator, from: result.plan.from, to: last.toISOString().slice(0, 10), jwtSecret });
  if (embedded) log(`the data is on embedded PGlite at 127.0.0.1:${embedded.port}, in memory: temporary, gone after Ctrl-C`);
}

/** A database of embedded PGlite stalled (pglite.mjs): the services cannot finish anything, not even their shutdown. */
function stalled(message) {
  if (stopping) return;
  stopping = true;
  aborter.abort();
  process.stderr.write(`[rooftop] ${stallExplanation(message)}\n`);
  // PGlite last and without waiting: its closing connections would fail the services' checked-out clients.
  stopNats().finally(() => {
    embedded.kill();
    process.exit(1);
  });
}

/** HQ has applied every store's log up to the store's head (or 3 minutes passed: then it says so and goes on). */
async function waitForHq(pool, schema, stores) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const heads = await Promise.all(stores.map(async (s) => [s.storeId, Math.max(...(await Promise.all(s.services.map((x) => x.store.headPosition()))))]));
    const { rows } = await pool.query(`SELECT store_id, position FROM ${schema}.store_positions`);
    const applied = new Map(rows.map((r) => [r.store_id, Number(r.position)]));
    const behind = heads.filter(([id, head]) => (applied.get(id) ?? 0) < head);
    if (behind.length === 0) return;
    if (Date.now() > deadline || aborter.signal.aborted) {
      log(`HQ is still catching up with ${behind.map(([id]) => id).join(', ')}; HQ figures will complete shortly`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopAll(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch(async (error) => {
  process.stderr.write(`[rooftop] ${error instanceof PreflightError ? error.message : (error.stack ?? error)}\n`);
  await stopAll('start failed');
  process.exit(1);
});
