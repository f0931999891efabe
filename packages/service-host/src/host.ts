import { jetstream, type JetStreamClient, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { platformRegistry } from '@rooftop/contracts';
import { type RecordedEvent, type ScheduledCommand, type ScheduledCommandSender } from '@rooftop/eventsourcing';
import { migrateEventStore, migrateScheduler, PostgresCommandScheduler, PostgresEventStore, ScheduledCommandDispatcher, SchedulingEventStore } from '@rooftop/eventstore-postgres';
import { bootstrapCommandService, type CommandServiceOptions, EventRelay, ensureStoreStream } from '@rooftop/messaging';
import {
  createLogger,
  createMetricsRegistry,
  createOpsServer,
  createShutdown,
  type Logger,
  type Registry,
  natsReadinessCheck,
  postgresReadinessCheck,
  SHUTDOWN_ORDER,
  type ShutdownOutcome,
} from '@rooftop/platform';
import { type PgProjection, ProjectionRunner } from '@rooftop/projections-postgres';
import pg from 'pg';
import { type StoreServiceConfig } from './config.js';
import { PinoNestLogger } from './nest-logger.js';

export interface HostOptions {
  /** Listen for SIGINT/SIGTERM and exit the process after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
}

export interface TimerOptions {
  /** The scheduler's own schema (one per context, so no dispatcher claims another context's timers). */
  readonly schema: string;
  /** The timers an append schedules, in the append's transaction. */
  readonly timersOf: (recorded: readonly RecordedEvent[]) => ScheduledCommand[];
  readonly pollIntervalMs: number;
  /** Clock of the scheduler and dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export interface Timers {
  /** The event store that schedules an append's timers in the append's transaction. */
  readonly store: SchedulingEventStore;
  /** Starts sending due timers' commands to `send` (the service's handlers), exactly once each. */
  dispatch(send: ScheduledCommandSender): ScheduledCommandDispatcher;
}

/** What a service's `start` gets: everything already running, and ways to start the rest under the shutdown. */
export interface ServiceHost {
  readonly config: StoreServiceConfig;
  readonly groupId: string;
  readonly storeId: string;
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly pool: pg.Pool;
  /** The store's event log (migrated). */
  readonly events: PostgresEventStore;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Runs `close` at shutdown, in `order` (SHUTDOWN_ORDER). */
  onShutdown(name: string, close: () => unknown, order: number): void;
  /** Starts the store's relay to JetStream (one per store: the sales service's by default). */
  startRelay(): Promise<EventRelay>;
  /** Starts the projection runner over the store's log. */
  startProjections(projections: readonly PgProjection[]): Promise<ProjectionRunner>;
  /** Durable timers: the scheduler's schema (migrated), the scheduling event store, and its dispatcher. */
  startTimers(options: TimerOptions): Promise<Timers>;
  /** Serves the context's commands over NATS (the NestJS module with its controllers). */
  serveCommands(options: Pick<CommandServiceOptions, 'context' | 'module'>): Promise<void>;
}

export interface StoreServiceSpec<T> {
  /** The service's name in logs and metrics (`sales`). */
  readonly service: string;
  readonly config: StoreServiceConfig;
  readonly options?: HostOptions;
  /** PostgreSQL connections at most unless `DATABASE_POOL_MAX` (platform config) says otherwise. */
  readonly poolMax: number;
  /** Migrations of the service's own tables, after the event store's. */
  readonly migrate?: (pool: pg.Pool) => Promise<void>;
  /** Starts what is the service's own (projections, timers, reactions, commands) and returns its handle. */
  readonly start: (host: ServiceHost) => Promise<T>;
}

export type StoreServiceHandle<T> = T & {
  /** Base URL of the ops server (/metrics, /healthz, /readyz). */
  readonly opsUrl: string;
  /** Stops taking commands and events, finishes work in flight, closes connections. */
  close(): Promise<ShutdownOutcome>;
};

/**
 * Runs one store service the way every store service runs: ops server (metrics, health, readiness of
 * PostgreSQL and NATS), ordered shutdown, the PostgreSQL pool, the event store (migrated), the NATS connection
 * and the store's stream (provisioned), then the service's own `start`. A failure at any step closes what
 * started before it and rethrows; the process (with `ownProcess`) exits 1.
 */
export const runStoreService = async <T>(spec: StoreServiceSpec<T>): Promise<StoreServiceHandle<T>> => {
  const { config, service, options = {} } = spec;
  const { GROUP_ID: groupId, STORE_ID: storeId } = config;
  const logger = options.logger ?? createLogger({ service, level: config.LOG_LEVEL, groupId, storeId });
  const metrics = createMetricsRegistry({ service, storeId });
  const ops = createOpsServer({ registry: metrics, logger, host: config.HTTP_HOST, port: config.HTTP_PORT, checkTimeoutMs: config.READINESS_TIMEOUT_MS });
  let startFailed = false;
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.ownProcess ? { exit: (code: number) => process.exit(startFailed ? 1 : code) } : { signals: [], exit: () => undefined }),
  });
  const onShutdown = (name: string, close: () => unknown, order: number) => void shutdown.onShutdown(name, close, { order });

  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX ?? spec.poolMax });
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL client failed'));
  onShutdown('postgres', () => pool.end(), SHUTDOWN_ORDER.closeConnections + 10);
  onShutdown('ops-server', () => ops.close(), SHUTDOWN_ORDER.closeOpsServer);
  onShutdown('readiness', () => ops.markShuttingDown(), SHUTDOWN_ORDER.stopIntake - 10);
  ops.registerReadinessCheck('postgres', postgresReadinessCheck(pool));

  try {
    await migrateEventStore(pool);
    await spec.migrate?.(pool);
    const events = new PostgresEventStore({ pool });
    onShutdown('event-store', () => events.close(), SHUTDOWN_ORDER.closeConnections);

    const nc = await connect({ servers: config.NATS_URL, name: `${service}-${storeId}`, maxReconnectAttempts: -1 });
    onShutdown('nats', () => nc.drain(), SHUTDOWN_ORDER.closeConnections);
    ops.registerReadinessCheck('nats', natsReadinessCheck(nc));
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStoreStream(jsm, { groupId, storeId, maxBytes: config.STORE_STREAM_MAX_BYTES });

    const host: ServiceHost = {
      config,
      groupId,
      storeId,
      logger,
      metrics,
      pool,
      events,
      nc,
      js,
      jsm,
      onShutdown,
      async startRelay() {
        const relay = new EventRelay({ store: events, pool, js, jsm, groupId, storeId, registry: platformRegistry, logger, metrics });
        await relay.start();
        onShutdown('relay', () => relay.stop(), SHUTDOWN_ORDER.drain);
        return relay;
      },
      async startProjections(projections) {
        const runner = new ProjectionRunner({ pool, store: events, projections, logger, metrics });
        await runner.start();
        onShutdown('projections', () => runner.stop(), SHUTDOWN_ORDER.drain);
        return runner;
      },
      async startTimers(timers) {
        await migrateScheduler(pool, timers.schema);
        const clock = timers.clock ? { clock: timers.clock } : {};
        const scheduler = new PostgresCommandScheduler({ pool, schema: timers.schema, ...clock });
        const store = new SchedulingEventStore({ events, pool, scheduler, timersOf: timers.timersOf });
        return {
          store,
          dispatch(send) {
            const dispatcher = new ScheduledCommandDispatcher({
              pool,
              schema: timers.schema,
              send,
              pollIntervalMs: timers.pollIntervalMs,
              logger: { warn: (message, details) => logger.warn(details ?? {}, message), error: (message, details) => logger.error(details ?? {}, message) },
              ...clock,
            });
            dispatcher.start();
            onShutdown('timers', () => dispatcher.stop(), SHUTDOWN_ORDER.drain);
            return dispatcher;
          },
        };
      },
      async serveCommands({ context, module }) {
        const identity = { issuers: config.COMMAND_ISSUER_KEYS, clockSkewMs: config.COMMAND_CLOCK_SKEW_MS };
        const commands = await bootstrapCommandService({ context, storeId, registry: platformRegistry, identity, connection: nc, module, logger: new PinoNestLogger(logger) });
        // Closing drains the subscription and waits for in-flight commands: the intake stop and the drain.
        onShutdown('commands', () => commands.close(), SHUTDOWN_ORDER.stopIntake);
      },
    };
    const own = await spec.start(host);
    const { url: opsUrl } = await ops.listen();
    logger.info({ opsUrl }, `${service} service started`);
    return Object.assign(own as object, { opsUrl, close: () => shutdown.shutdown('close') }) as StoreServiceHandle<T>;
  } catch (error) {
    startFailed = true;
    logger.fatal({ err: error }, `${service} service failed to start`);
    await shutdown.shutdown('start-up failed');
    throw error;
  }
};
