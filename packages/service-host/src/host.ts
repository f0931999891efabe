import { jetstream, type JetStreamClient, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { assertHandlesEvery, platformRegistry } from '@rooftop/contracts';
import { type EventStore, RooftopError, type TimedEvent, type TimerSpec } from '@rooftop/eventsourcing';
import {
  migrateEventStore,
  migrateScheduler,
  PostgresCommandScheduler,
  PostgresEventStore,
  ScheduledCommandDispatcher,
  SchedulingEventStore,
} from '@rooftop/eventstore-postgres';
import { bootstrapCommandService, type CommandHandlerMap, type DurableConsumerHandle, EventRelay, ensureStoreStream } from '@rooftop/messaging';
import {
  createLogger,
  createMetricsRegistry,
  createOpsServer,
  createShutdown,
  eventStoreSelection,
  type Logger,
  type Registry,
  natsConnectionOptions,
  natsReadinessCheck,
  postgresReadinessCheck,
  SHUTDOWN_ORDER,
  type ShutdownOutcome,
} from '@rooftop/platform';
import { type PgProjection, ProjectionRunner } from '@rooftop/projections-postgres';
import pg from 'pg';
import { type StoreServiceConfig } from './config.js';
import { PinoNestLogger } from './nest-logger.js';
import { type Reaction, type ReactionRunOptions, runReaction } from './reactions.js';
import { scheduledCommandsOf, timerSender } from './timers.js';

export interface HostOptions {
  /** Listen for SIGINT/SIGTERM and exit the process after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
}

export interface TimerOptions {
  /** The context whose commands the timers send (their ids are `<context>:<store>:<key>`, their actor `<context>-timers`). */
  readonly context: string;
  /** The scheduler's own schema (one per context, so no dispatcher claims another context's timers). */
  readonly schema: string;
  /** The context's pure timer rules: the timers an event starts, scheduled in its append's transaction. */
  readonly timersFor: (event: TimedEvent) => readonly TimerSpec[];
  readonly pollIntervalMs: number;
  /** Clock of the scheduler and dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export interface Timers {
  /** The event store that schedules an append's timers in the append's transaction. */
  readonly store: SchedulingEventStore;
  /** Starts sending due timers' commands to the service's handlers in process, exactly once each. */
  dispatch(handlers: object): ScheduledCommandDispatcher;
}

/** What a service's `start` gets: everything already running, and ways to start the rest under the shutdown. */
export interface ServiceHost {
  readonly config: StoreServiceConfig;
  readonly groupId: string;
  readonly storeId: string;
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly pool: pg.Pool;
  /** The store's event log: PostgreSQL (migrated) or EventStoreDB, as EVENT_STORE says. */
  readonly events: EventStore;
  /**
   * The log as the PostgreSQL store, for code that appends inside its own PostgreSQL transaction; throws
   * PostgresLogRequiredError (naming `what`) when EVENT_STORE=eventstoredb.
   */
  postgresEvents(what: string): PostgresEventStore;
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
  /**
   * Serves the context's commands over NATS from its handler map; refuses to start unless the map has exactly
   * the context's command contracts.
   */
  serveCommands(options: { readonly context: string; readonly handlers: CommandHandlerMap }): Promise<void>;
  /**
   * Starts the context's reactions (durable consumers, stopped at the intake stop); each command runs in
   * process on `handlersIn(tx)`, the handlers on the store bound to the consumer's inbox transaction.
   */
  startReactions(
    reactions: readonly Reaction[],
    options: Pick<ReactionRunOptions, 'context' | 'handlersIn' | 'groupStores' | 'durablePrefix'>,
  ): Promise<DurableConsumerHandle[]>;
}

/**
 * What appends inside a PostgreSQL transaction (durable timers, reactions appending in their inbox transaction)
 * needs the log in PostgreSQL; an EventStoreDB log cannot share that transaction (ADR 0035).
 */
export class PostgresLogRequiredError extends RooftopError {
  constructor(service: string, what: string) {
    super('CONFIG_INVALID', `${service}: ${what} appends inside a PostgreSQL transaction, which needs EVENT_STORE=postgres`, {
      variable: 'EVENT_STORE',
      service,
      what,
    });
  }
}

/** The configured log and how to close it; the EventStoreDB client is loaded only when it is the one configured. */
const openEventStore = async (config: StoreServiceConfig, pool: pg.Pool): Promise<{ events: EventStore; postgres?: PostgresEventStore; close(): unknown }> => {
  const selection = eventStoreSelection(config);
  if (selection.kind === 'postgres') {
    await migrateEventStore(pool);
    const postgres = new PostgresEventStore({ pool });
    return { events: postgres, postgres, close: () => postgres.close() };
  }
  const { connectEventStoreDb } = await import('@rooftop/eventstore-eventstoredb');
  const store = connectEventStoreDb(selection.url);
  return { events: store, close: () => store.close() };
};

export interface StoreServiceSpec<T> {
  /** The service's name in logs and metrics (`sales`). */
  readonly service: string;
  readonly config: StoreServiceConfig;
  readonly options?: HostOptions;
  /** PostgreSQL connections at most unless `DATABASE_POOL_MAX` (platform config) says otherwise. */
  readonly poolMax: number;
  /** Migrations of the service's own tables, after the event store's (when the log is in PostgreSQL). */
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
    const log = await openEventStore(config, pool);
    const { events } = log;
    onShutdown('event-store', () => log.close(), SHUTDOWN_ORDER.closeConnections);
    if (!log.postgres) ops.registerReadinessCheck('eventstoredb', () => events.headPosition());
    await spec.migrate?.(pool);

    const nc = await connect({ ...natsConnectionOptions(config, `${service}-${storeId}`), maxReconnectAttempts: -1 });
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
      postgresEvents(what) {
        if (!log.postgres) throw new PostgresLogRequiredError(service, what);
        return log.postgres;
      },
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
        const postgres = host.postgresEvents('durable timers');
        await migrateScheduler(pool, timers.schema);
        const clock = timers.clock ? { clock: timers.clock } : {};
        const scheduler = new PostgresCommandScheduler({ pool, schema: timers.schema, ...clock });
        const store = new SchedulingEventStore({ events: postgres, pool, scheduler, timersOf: scheduledCommandsOf(timers.context, timers.timersFor) });
        return {
          store,
          dispatch(handlers) {
            const dispatcher = new ScheduledCommandDispatcher({
              pool,
              schema: timers.schema,
              send: timerSender(timers.context, handlers, logger),
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
      async serveCommands({ context, handlers }) {
        const contracts = platformRegistry.contexts.find((c) => c.context === context);
        if (!contracts) throw new RooftopError('UNKNOWN_CONTEXT', `no contracts for context ${context}`, { context });
        assertHandlesEvery(contracts, handlers);
        const identity = { issuers: config.COMMAND_ISSUER_KEYS, clockSkewMs: config.COMMAND_CLOCK_SKEW_MS };
        const commands = await bootstrapCommandService({
          context,
          storeId,
          registry: platformRegistry,
          identity,
          connection: nc,
          handlers,
          logger: new PinoNestLogger(logger),
        });
        // Closing drains the subscription and waits for in-flight commands: the intake stop and the drain.
        onShutdown('commands', () => commands.close(), SHUTDOWN_ORDER.stopIntake);
      },
      async startReactions(reactions, options) {
        const handles: DurableConsumerHandle[] = [];
        for (const reaction of reactions) {
          for (const handle of await runReaction(reaction, { ...options, js, jsm, pool, groupId, storeId, logger })) {
            onShutdown(handle.durable, () => handle.stop(), SHUTDOWN_ORDER.stopIntake);
            handles.push(handle);
          }
        }
        return handles;
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
