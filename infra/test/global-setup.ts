// The test run's services. PostgreSQL and NATS: the ones configured (DATABASE_URL, NATS_URL) or listening on
// their local ports, as .ci/run provides them; else, when a Docker engine answers, containers started here.
// EventStoreDB/KurrentDB: EVENTSTORE_URL, else a container when Docker answers, else its tests are skipped
// and the reason is printed once. On a machine without Docker this costs one failed stat of the socket.
import { connect } from 'node:net';
import { probeDocker } from './docker.js';

const IMAGES = { postgres: 'postgres:15', nats: 'nats:2.10', kurrentdb: 'kurrentplatform/kurrentdb:26.1.1' } as const;

const say = (line: string) => console.log(`[test services] ${line}`);

const listening = (host: string, port: number, timeoutMs = 500): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });

interface Stoppable {
  stop(): Promise<unknown>;
}

// Every vitest project inherits this setup; they share one process, so the first call decides for all.
const SHARED = Symbol.for('rooftop.test-services');
type Shared = { [SHARED]?: Promise<() => Promise<void>> };

export default function setup(): Promise<() => Promise<void>> {
  const shared = globalThis as Shared;
  if (shared[SHARED]) return shared[SHARED].then(() => async () => undefined);
  shared[SHARED] = provide();
  return shared[SHARED];
}

async function provide(): Promise<() => Promise<void>> {
  const started: Stoppable[] = [];
  const pgHost = process.env.PGHOST ?? '127.0.0.1';
  const pgPort = Number(process.env.PGPORT ?? 5432);
  const needPostgres = !process.env.DATABASE_URL && !(await listening(pgHost, pgPort));
  const needNats = !process.env.NATS_URL && !(await listening('127.0.0.1', 4222));
  const needEventStore = !process.env.EVENTSTORE_URL;
  if (!needEventStore) {
    const unset = ['EVENTSTORE_MIGRATION_URL', 'EVENTSTORE_SERVICES_URL'].filter((name) => !process.env[name]);
    if (unset.length > 0)
      say(`EVENTSTORE_URL is set by hand; the EventStoreDB tests that need ${unset.join(' and ')} (empty servers of their own) are skipped`);
  }
  if (!needPostgres && !needNats && !needEventStore) return async () => undefined;

  const docker = await probeDocker();
  if (docker !== true) {
    if (needPostgres) say(`PostgreSQL: nothing on ${pgHost}:${pgPort}, DATABASE_URL unset, and no Docker engine (${docker})`);
    if (needNats) say(`NATS: nothing on 127.0.0.1:4222, NATS_URL unset, and no Docker engine (${docker})`);
    if (needEventStore) {
      const reason = `EVENTSTORE_URL is unset and no Docker engine answers (${docker})`;
      process.env.ROOFTOP_EVENTSTOREDB_SKIPPED = reason;
      say(`EventStoreDB tests are skipped: ${reason}`);
    }
    return async () => undefined;
  }

  const { GenericContainer, Wait } = await import('testcontainers');
  if (needPostgres) {
    const pg = await new GenericContainer(IMAGES.postgres)
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withCommand(['postgres', '-c', 'max_connections=200', '-c', 'fsync=off'])
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    started.push(pg);
    process.env.DATABASE_URL = `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`;
    say(`PostgreSQL: ${IMAGES.postgres} container at ${process.env.DATABASE_URL}`);
  }
  if (needNats) {
    const nats = await new GenericContainer(IMAGES.nats)
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    started.push(nats);
    process.env.NATS_URL = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
    say(`NATS: ${IMAGES.nats} container at ${process.env.NATS_URL}`);
  }
  if (needEventStore) {
    const kurrentdb = () =>
      new GenericContainer(IMAGES.kurrentdb)
        .withEnvironment({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_MEM_DB: 'true' })
        .withExposedPorts(2113)
        .withStartupTimeout(120_000)
        .withWaitStrategy(Wait.forHealthCheck())
        .start();
    // One server per role (testkit's eventStoreDbUrl): a KurrentDB has no separate databases to isolate them.
    const [contract, migration, services] = await Promise.all([kurrentdb(), kurrentdb(), kurrentdb()]);
    started.push(contract, migration, services);
    const urlOf = (container: typeof contract) => `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    process.env.EVENTSTORE_URL = urlOf(contract);
    process.env.EVENTSTORE_MIGRATION_URL ??= urlOf(migration);
    process.env.EVENTSTORE_SERVICES_URL ??= urlOf(services);
    say(
      `EventStoreDB: ${IMAGES.kurrentdb} containers at ${process.env.EVENTSTORE_URL}, ${process.env.EVENTSTORE_MIGRATION_URL}, ${process.env.EVENTSTORE_SERVICES_URL}`,
    );
  }
  return async () => {
    for (const container of started.reverse()) await container.stop();
  };
}
