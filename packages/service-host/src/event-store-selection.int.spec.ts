import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { storeStreamName } from '@rooftop/contracts';
import { EventStoreDbEventStore } from '@rooftop/eventstore-eventstoredb';
import { ConfigError, loadConfig } from '@rooftop/platform';
import { createTestDatabase, freePort, natsUrl, sharedTestCommandIssuer, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeServiceConfig } from './config.js';
import { runStoreService, PostgresLogRequiredError } from './host.js';

// Which log a store service gets, on real PostgreSQL and NATS. No KurrentDB is needed: the client connects on
// its first call, and these tests make none (sales on a real one: services/sales/test/sales-on-eventstoredb).
describe('runStoreService: EVENT_STORE selects the log', () => {
  let db: TestDatabase;
  const suffix = uniqueStreamSuffix();
  const configOf = async (env: Record<string, string>) =>
    loadConfig(storeServiceConfig, {
      GROUP_ID: `g-${suffix}`,
      STORE_ID: `s-${suffix}`,
      DATABASE_URL: db.url,
      NATS_URL: natsUrl(),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      STORE_STREAM_MAX_BYTES: String(8 * 1024 ** 2),
      COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv,
      ...env,
    });

  beforeAll(async () => {
    db = await createTestDatabase('host_event_store');
  });
  afterAll(async () => {
    const nc = await connect({ servers: natsUrl() });
    await (await jetstreamManager(nc)).streams.delete(storeStreamName(`g-${suffix}`, `s-${suffix}`)).catch(() => undefined);
    await nc.drain();
    await db.drop();
  });

  it('eventstoredb: host.events is the EventStoreDB adapter, the PostgreSQL log is not migrated, and timers are refused', async () => {
    const config = await configOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: `kurrentdb://127.0.0.1:${await freePort()}?tls=false` });
    const seen: unknown[] = [];
    const started = runStoreService({
      service: 'probe',
      config,
      poolMax: 2,
      async start(host) {
        seen.push(host.events);
        await host.startTimers({ context: 'probe', schema: 'probe_timers', timersFor: () => [], pollIntervalMs: 1_000 });
        return {};
      },
    });
    await expect(started).rejects.toBeInstanceOf(PostgresLogRequiredError);
    expect(seen[0]).toBeInstanceOf(EventStoreDbEventStore);
    const { rows } = await db.pool.query(`SELECT to_regclass('eventstore.events')::text AS t`);
    expect(rows[0]).toEqual({ t: null });
  });

  it('postgres (the default): the log is migrated and timers start', async () => {
    const handle = await runStoreService({
      service: 'probe',
      config: await configOf({}),
      poolMax: 2,
      async start(host) {
        const timers = await host.startTimers({ context: 'probe', schema: 'probe_timers', timersFor: () => [], pollIntervalMs: 1_000 });
        return { events: host.events, timers };
      },
    });
    try {
      expect(handle.events).not.toBeInstanceOf(EventStoreDbEventStore);
      expect(await handle.events.readStream('probe-x-1')).toEqual({ streamVersion: 0, events: [] });
    } finally {
      await handle.close();
    }
  });

  it('eventstoredb without EVENTSTORE_URL stops before anything starts', async () => {
    const config = await configOf({ EVENT_STORE: 'eventstoredb' });
    await expect(runStoreService({ service: 'probe', config, poolMax: 2, start: async () => ({}) })).rejects.toBeInstanceOf(ConfigError);
  });
});
