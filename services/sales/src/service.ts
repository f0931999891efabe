import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { platformRegistry, sales } from '@rooftop/contracts';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { bootstrapCommandService, EventRelay, ensureStoreStream } from '@rooftop/messaging';
import {
  createLogger,
  createMetricsRegistry,
  createOpsServer,
  createShutdown,
  type Logger,
  natsReadinessCheck,
  postgresReadinessCheck,
  SHUTDOWN_ORDER,
  type ShutdownOutcome,
} from '@rooftop/platform';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import pg from 'pg';
import { salesCommandHandlers } from './commands/index.js';
import { type SalesConfig, salesSettingsOf } from './config.js';
import { createSalesProjections } from './projections/index.js';
import { PinoNestLogger } from './transport/nest-logger.js';
import { SalesTransportModule } from './transport/sales-transport.module.js';

export interface StartOptions {
  /** Listen for SIGINT/SIGTERM and exit the process after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
}

export interface SalesServiceHandle {
  readonly config: SalesConfig;
  readonly store: PostgresEventStore;
  readonly pool: pg.Pool;
  readonly relay: EventRelay;
  readonly projections: ProjectionRunner;
  /** Base URL of the ops server (/metrics, /healthz, /readyz). */
  readonly opsUrl: string;
  /** Stops taking commands, drains in-flight work, closes connections; resolves with the shutdown outcome. */
  close(): Promise<ShutdownOutcome>;
}

/**
 * One store's sales service: the event store (migrated), the command service on NATS, the relay to JetStream,
 * the projection runner, the ops server and an ordered shutdown. Everything comes from `config`.
 */
export const startSalesService = async (config: SalesConfig, options: StartOptions = {}): Promise<SalesServiceHandle> => {
  const { GROUP_ID: groupId, STORE_ID: storeId } = config;
  const logger = options.logger ?? createLogger({ service: 'sales', level: config.LOG_LEVEL, groupId, storeId });
  const metrics = createMetricsRegistry({ service: 'sales', storeId });
  const ops = createOpsServer({ registry: metrics, logger, host: config.HTTP_HOST, port: config.HTTP_PORT, checkTimeoutMs: config.READINESS_TIMEOUT_MS });
  let startFailed = false;
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.ownProcess ? { exit: (code: number) => process.exit(startFailed ? 1 : code) } : { signals: [], exit: () => undefined }),
  });
  // Whatever started before a failure is closed by the hooks registered so far.
  const fail = async (error: unknown): Promise<never> => {
    startFailed = true;
    logger.fatal({ err: error }, 'sales service failed to start');
    await shutdown.shutdown('start-up failed');
    throw error;
  };

  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX ?? 20 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL client failed'));
  shutdown.onShutdown('postgres', () => pool.end(), { order: SHUTDOWN_ORDER.closeConnections + 10 });
  shutdown.onShutdown('ops-server', () => ops.close(), { order: SHUTDOWN_ORDER.closeOpsServer });
  shutdown.onShutdown('readiness', () => ops.markShuttingDown(), { order: SHUTDOWN_ORDER.stopIntake - 10 });
  ops.registerReadinessCheck('postgres', postgresReadinessCheck(pool));

  try {
    await migrateEventStore(pool);
    const store = new PostgresEventStore({ pool });

    const nc = await connect({ servers: config.NATS_URL, name: `sales-${storeId}`, maxReconnectAttempts: -1 });
    shutdown.onShutdown('nats', () => nc.drain(), { order: SHUTDOWN_ORDER.closeConnections });
    ops.registerReadinessCheck('nats', natsReadinessCheck(nc));
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStoreStream(jsm, { groupId, storeId, maxBytes: config.STORE_STREAM_MAX_BYTES });

    const relay = new EventRelay({ store, pool, js, jsm, groupId, storeId, registry: platformRegistry, logger, metrics });
    await relay.start();
    shutdown.onShutdown('relay', () => relay.stop(), { order: SHUTDOWN_ORDER.drain });

    const projections = new ProjectionRunner({ pool, store, projections: createSalesProjections({ timeZone: config.STORE_TIME_ZONE }), logger, metrics });
    await projections.start();
    shutdown.onShutdown('projections', () => projections.stop(), { order: SHUTDOWN_ORDER.drain });

    const handlers = salesCommandHandlers({ store, groupId, settings: salesSettingsOf(config) });
    const commands = await bootstrapCommandService({
      context: sales.SALES_CONTEXT,
      storeId,
      registry: platformRegistry,
      connection: nc,
      module: SalesTransportModule.forHandlers(handlers),
      logger: new PinoNestLogger(logger),
    });
    // Closing drains the subscription and waits for in-flight commands, so it is the intake stop and the drain.
    shutdown.onShutdown('commands', () => commands.close(), { order: SHUTDOWN_ORDER.stopIntake });

    const { url: opsUrl } = await ops.listen();
    logger.info({ opsUrl }, 'sales service started');
    return { config, store, pool, relay, projections, opsUrl, close: () => shutdown.shutdown('close') };
  } catch (error) {
    return fail(error);
  }
};
