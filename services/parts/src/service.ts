import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { parts as p, platformRegistry } from '@rooftop/contracts';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { bootstrapCommandService, type DurableConsumerHandle, EventRelay, ensureStoreStream } from '@rooftop/messaging';
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
import { partsHandlers, type PartsHandlers } from './commands/handlers.js';
import { migrateRepairOrders, pgRepairOrderStatuses } from './commands/repair-orders.js';
import { type PartsConfig, partsSettingsOf } from './config.js';
import { createPartsProjections } from './projections/index.js';
import { startRepairOrderStatusReaction } from './reactions/repair-order-status.js';
import { startTransferReactions } from './reactions/transfer-received.js';
import { PinoNestLogger } from './transport/nest-logger.js';
import { PartsTransportModule } from './transport/parts-transport.module.js';

export interface StartOptions {
  /** Listen for SIGINT/SIGTERM and exit the process after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
  /** Prefix of the durable consumer names (tests give each run its own). */
  readonly durablePrefix?: string;
}

export interface PartsServiceHandle {
  readonly config: PartsConfig;
  readonly events: PostgresEventStore;
  readonly pool: pg.Pool;
  readonly handlers: PartsHandlers;
  readonly reactions: readonly DurableConsumerHandle[];
  readonly projections: ProjectionRunner;
  readonly opsUrl: string;
  /** Stops taking commands and events, finishes in-flight work, closes connections. */
  close(): Promise<ShutdownOutcome>;
}

/**
 * One store's parts service: the store's event store (migrated), the stock list and KPI projections, the
 * command service on NATS, the reactions (workshop RO status; transfers shipped to this store by sister
 * stores), optionally the relay, the ops server and an ordered shutdown. Everything comes from `config`.
 */
export const startPartsService = async (config: PartsConfig, options: StartOptions = {}): Promise<PartsServiceHandle> => {
  const { GROUP_ID: groupId, STORE_ID: storeId } = config;
  const settings = partsSettingsOf(config);
  const logger = options.logger ?? createLogger({ service: 'parts', level: config.LOG_LEVEL, groupId, storeId });
  const metrics = createMetricsRegistry({ service: 'parts', storeId });
  const ops = createOpsServer({ registry: metrics, logger, host: config.HTTP_HOST, port: config.HTTP_PORT, checkTimeoutMs: config.READINESS_TIMEOUT_MS });
  let startFailed = false;
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.ownProcess ? { exit: (code: number) => process.exit(startFailed ? 1 : code) } : { signals: [], exit: () => undefined }),
  });

  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX ?? 20 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL client failed'));
  shutdown.onShutdown('postgres', () => pool.end(), { order: SHUTDOWN_ORDER.closeConnections + 10 });
  shutdown.onShutdown('ops-server', () => ops.close(), { order: SHUTDOWN_ORDER.closeOpsServer });
  shutdown.onShutdown('readiness', () => ops.markShuttingDown(), { order: SHUTDOWN_ORDER.stopIntake - 10 });
  ops.registerReadinessCheck('postgres', postgresReadinessCheck(pool));

  try {
    await migrateEventStore(pool);
    await migrateRepairOrders(pool);
    const events = new PostgresEventStore({ pool });
    shutdown.onShutdown('event-store', () => events.close(), { order: SHUTDOWN_ORDER.closeConnections });
    const repairOrders = pgRepairOrderStatuses(pool);
    const handlers = partsHandlers({ store: events, groupId, settings, repairOrders });

    const nc = await connect({ servers: config.NATS_URL, name: `parts-${storeId}`, maxReconnectAttempts: -1 });
    shutdown.onShutdown('nats', () => nc.drain(), { order: SHUTDOWN_ORDER.closeConnections });
    ops.registerReadinessCheck('nats', natsReadinessCheck(nc));
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStoreStream(jsm, { groupId, storeId });

    if (config.PARTS_RUN_RELAY) {
      const relay = new EventRelay({ store: events, pool, js, jsm, groupId, storeId, registry: platformRegistry, logger, metrics });
      await relay.start();
      shutdown.onShutdown('relay', () => relay.stop(), { order: SHUTDOWN_ORDER.drain });
    }

    const projections = new ProjectionRunner({ pool, store: events, projections: createPartsProjections({ timeZone: config.STORE_TIME_ZONE }), logger, metrics });
    await projections.start();
    shutdown.onShutdown('projections', () => projections.stop(), { order: SHUTDOWN_ORDER.drain });

    const prefix = options.durablePrefix;
    const common = { js, jsm, pool, registry: platformRegistry, groupId, storeId, logger };
    const roStatus = await startRepairOrderStatusReaction({ ...common, ...(prefix ? { durable: `${prefix}-ro-status` } : {}) });
    const transfers = await startTransferReactions({ ...common, events, settings, repairOrders, ...(prefix ? { durablePrefix: `${prefix}-transfers` } : {}) });
    const reactions = [...roStatus, ...transfers];
    reactions.forEach((r) => shutdown.onShutdown(r.durable, () => r.stop(), { order: SHUTDOWN_ORDER.stopIntake }));

    const commands = await bootstrapCommandService({
      context: p.PARTS_CONTEXT,
      storeId,
      registry: platformRegistry,
      connection: nc,
      module: PartsTransportModule.forHandlers(handlers),
      logger: new PinoNestLogger(logger),
    });
    shutdown.onShutdown('commands', () => commands.close(), { order: SHUTDOWN_ORDER.stopIntake });

    const { url: opsUrl } = await ops.listen();
    logger.info({ opsUrl }, 'parts service started');
    return { config, events, pool, handlers, reactions, projections, opsUrl, close: () => shutdown.shutdown('close') };
  } catch (error) {
    startFailed = true;
    logger.fatal({ err: error }, 'parts service failed to start');
    await shutdown.shutdown('start-up failed');
    throw error;
  }
};
