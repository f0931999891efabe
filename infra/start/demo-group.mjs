// The demo dealer group, in this process: per store the five services — sales, workshop, parts, insurance and HR —
// (on the store's NATS leaf and its own database), the HQ projector (hub, HQ database), a store gateway and the HQ
// gateway.

/** Timers (workshop, insurance, HR) follow the simulator's clock while it runs, then the wall clock. */
export const createDemoClock = () => {
  let simulated;
  return {
    now: () => simulated ?? new Date(),
    follow: (at) => {
      simulated = at;
    },
    release: () => {
      simulated = undefined;
    },
  };
};

/** Services per store, each with its own ops port. */
const SERVICES_PER_STORE = 5;

const prefix = () => process.env.DEMO_DB_PREFIX ?? 'rooftop_demo';
const dbName = (storeId) => `${prefix()}_${storeId.replaceAll('-', '_')}`;
const hqDbName = () => `${prefix()}_hq`;

export const demoDatabases = (stores) => [...stores.map((s) => dbName(s.storeId)), hqDbName()];

const withDatabase = (serverUrl, database) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

/**
 * Starts everything; `running` gets each component as it starts (so a failure half-way stops what is up).
 * Ports: ops servers from `opsPortBase` (store i: sales +5i, workshop +5i+1, parts +5i+2, insurance +5i+3,
 * HR +5i+4; HQ projector +5n), gateways `gatewayPort` (store) and `gatewayPort + 1` (HQ).
 */
export async function startDemoGroup({ env, stores, groupId, serverUrl, nats, clock, jwtSecret, commandKeys, opsPortBase, gatewayPort, running, log }) {
  // Imported here, not at the top: these resolve to dist/, which `npm start` builds after this module loads.
  const { createLogger } = await import('@rooftop/platform');
  const sales = await import('@rooftop/sales-service');
  const workshop = await import('@rooftop/workshop-service');
  const parts = await import('@rooftop/parts-service');
  const insurance = await import('@rooftop/insurance-service');
  const hr = await import('@rooftop/hr-service');
  const hq = await import('@rooftop/hq-projector');
  const gateway = await import('@rooftop/gateway');
  const level = env.LOG_LEVEL ?? 'warn';
  const base = { ...env, NODE_ENV: env.NODE_ENV ?? 'development', LOG_LEVEL: level, GROUP_ID: groupId, HTTP_HOST: '127.0.0.1' };
  // 17 pools share one PostgreSQL server (max_connections is often 100), and a pool under load fills to its cap,
  // so each gets the least that cannot deadlock (docs/operations.md): its LISTEN connections (one per event store,
  // one more for timers), one for each holder that takes a second connection inside its transaction (the timer
  // dispatcher, the reactions that append inside their inbox transaction), and one more to make progress.
  const POOLS = { sales: 3, workshop: 6, parts: 3, insurance: 6, hr: 4, hq: 3, gateway: 2 };
  const pool = (name) => String(POOLS[name]);

  for (const [i, store] of stores.entries()) {
    const storeEnv = {
      ...base,
      STORE_ID: store.storeId,
      STORE_TIME_ZONE: store.timeZone,
      DATABASE_URL: withDatabase(serverUrl, dbName(store.storeId)),
      COMMAND_ISSUER_KEYS: commandKeys.issuerKeys,
    };
    // Each service connects as its own NATS user of the store (its seed and inbox prefix, nats-topology.mjs).
    const as = (user) => nats.env({ zone: 'store', storeId: store.storeId, user });
    const logger = (service) => createLogger({ service, level, groupId, storeId: store.storeId });
    const ops = (k) => String(opsPortBase + SERVICES_PER_STORE * i + k);
    const s = await sales.startSalesService(sales.loadSalesConfig({ ...storeEnv, ...as('sales'), DATABASE_POOL_MAX: pool('sales'), HTTP_PORT: ops(0) }), {
      logger: logger('sales'),
    });
    running.push({ name: `sales ${store.storeId}`, close: () => s.close() });
    const w = await workshop.startWorkshopService(
      workshop.loadWorkshopConfig({ ...storeEnv, ...as('workshop'), DATABASE_POOL_MAX: pool('workshop'), HTTP_PORT: ops(1) }),
      { logger: logger('workshop'), clock: clock.now },
    );
    running.push({ name: `workshop ${store.storeId}`, close: () => w.close() });
    // Transfers between stores stay off (no PARTS_GROUP_STORES): each store leaf has its own JetStream domain, so a
    // sister store's stream is not reachable from here (docs/services/parts.md).
    const p = await parts.startPartsService(parts.loadPartsConfig({ ...storeEnv, ...as('parts'), DATABASE_POOL_MAX: pool('parts'), HTTP_PORT: ops(2) }), {
      logger: logger('parts'),
    });
    running.push({ name: `parts ${store.storeId}`, close: () => p.close() });
    const n = await insurance.startInsuranceService(
      insurance.loadInsuranceConfig({ ...storeEnv, ...as('insurance'), DATABASE_POOL_MAX: pool('insurance'), HTTP_PORT: ops(3) }),
      { logger: logger('insurance'), clock: clock.now },
    );
    running.push({ name: `insurance ${store.storeId}`, close: () => n.close() });
    const h = await hr.startHrService(hr.loadHrConfig({ ...storeEnv, ...as('hr'), DATABASE_POOL_MAX: pool('hr'), HTTP_PORT: ops(4) }), {
      logger: logger('hr'),
      clock: clock.now,
    });
    running.push({ name: `hr ${store.storeId}`, close: () => h.close() });
    log(
      `${store.storeId} (${store.name}, ${store.brand}, ${store.city}): sales, workshop, parts, insurance, hr on ${nats.stores[store.storeId]}, ops ${[s, w, p, n, h].map((x) => x.opsUrl).join(' ')}`,
    );
    // What `settle` and the HQ wait read of each service: its event store head and its projections.
    store.services = [s, w, { store: p.events, projections: p.projections }, n, h];
  }

  const hqEnv = {
    ...base,
    DATABASE_POOL_MAX: pool('hq'),
    DATABASE_URL: withDatabase(serverUrl, hqDbName()),
    ...nats.env({ zone: 'hq', user: 'hq-projector' }),
    HTTP_PORT: String(opsPortBase + SERVICES_PER_STORE * stores.length),
  };
  const hqConfig = hq.loadHqConfig(hqEnv);
  {
    // The store directory first: the projector sources exactly the stores it lists into GROUP_EVENTS.
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: hqConfig.DATABASE_URL, max: 2 });
    try {
      await hq.migrateHqSchema(
        pool,
        hqConfig.HQ_SCHEMA,
        hq.hqKpiProjections(() => 'UTC'),
      );
      await hq.upsertStores(
        pool,
        hqConfig.HQ_SCHEMA,
        stores.map((s) => ({ storeId: s.storeId, name: s.name, brands: [s.brand], region: s.city, timeZone: s.timeZone })),
      );
      // The documents' after-sales targets (docs/domain/targets.md) for each store, from a year before the (simulated) present to its month.
      const now = clock.now();
      const month = (d) => d.toISOString().slice(0, 7);
      const storeIds = stores.map((s) => s.storeId);
      await hq.loadGroupTargets(
        pool,
        hqConfig.HQ_SCHEMA,
        hq.demoStoreTargets({ storeIds, from: month(new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1))), to: month(now) }),
      );
    } finally {
      await pool.end();
    }
  }
  const projector = await hq.startHqProjector(hqConfig, { logger: createLogger({ service: 'hq-projector', level, groupId }) });
  running.push({ name: 'hq-projector', close: () => projector.close() });
  log(`hq-projector: GROUP_EVENTS on the hub → schema ${hqConfig.HQ_SCHEMA} of ${hqEnv.DATABASE_URL.replace(/\/\/[^@]*@/, '//')}, ops ${projector.opsUrl}`);

  const home = stores[0];
  // The demo's gateways serve GraphiQL and answer introspection; both are off by default (docs/gateway.md).
  const gatewayEnv = {
    ...base,
    DATABASE_POOL_MAX: pool('gateway'),
    JWT_SECRET: jwtSecret,
    COMMAND_SIGNING_KEY: commandKeys.gatewaySigningKey,
    GRAPHIQL: 'true',
    GATEWAY_INTROSPECTION: 'true',
  };
  const storeGateway = await gateway.startGateway(
    gateway.loadGatewayConfig({
      ...gatewayEnv,
      GATEWAY_SCOPE: 'store',
      STORE_ID: home.storeId,
      DATABASE_URL: withDatabase(serverUrl, dbName(home.storeId)),
      ...nats.env({ zone: 'store', storeId: home.storeId, user: 'gateway' }),
      GATEWAY_PORT: String(gatewayPort),
    }),
    createLogger({ service: 'gateway', level, groupId, storeId: home.storeId }),
  );
  running.push({ name: `gateway ${home.storeId}`, close: () => storeGateway.close() });
  const hqGateway = await gateway.startGateway(
    gateway.loadGatewayConfig({
      ...gatewayEnv,
      GATEWAY_SCOPE: 'group',
      GROUP_STORE_IDS: stores.map((s) => s.storeId).join(','),
      READ_SCHEMA: hqConfig.HQ_SCHEMA,
      DATABASE_URL: hqEnv.DATABASE_URL,
      ...nats.env({ zone: 'hq', user: 'gateway' }),
      GATEWAY_PORT: String(gatewayPort + 1),
    }),
    createLogger({ service: 'gateway', level, groupId }),
  );
  running.push({ name: 'gateway hq', close: () => hqGateway.close() });
  return { storeGateway: storeGateway.url, hqGateway: hqGateway.url, home, projector };
}
