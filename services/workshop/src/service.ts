import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { platformRegistry, workshop as w } from '@rooftop/contracts';
import { migrateEventStore, migrateScheduler, PostgresCommandScheduler, PostgresEventStore, ScheduledCommandDispatcher } from '@rooftop/eventstore-postgres';
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
import { workshopHandlers, type WorkshopHandlers } from './commands/handlers.js';
import { SchedulingEventStore } from './commands/scheduling-event-store.js';
import { timerSender } from './commands/timer-sender.js';
import { scheduledCommandsOf } from './commands/timers.js';
import { type WorkshopConfig, workshopSettingsOf } from './config.js';
import { createWorkshopProjections } from './projections/index.js';
import { startClaimReportedReaction } from './reactions/claim-reported.js';
import { startVehicleDeliveredReaction } from './reactions/vehicle-delivered.js';
import { PinoNestLogger } from './transport/nest-logger.js';
import { WorkshopTransportModule } from './transport/workshop-transport.module.js';

/** The workshop's timers live in their own schema, so another context's dispatcher never claims them. */
export const WORKSHOP_SCHEDULER_SCHEMA = 'workshop_scheduler';

export interface StartOptions {
  /** Listen for SIGINT/SIGTERM and exit the process after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
  /** Durable name of the VehicleDelivered consumer (tests give each run its own). */
  readonly deliveredDurable?: string;
  /** Durable name of the insurance ClaimReported consumer (tests give each run its own). */
  readonly claimDurable?: string;
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export interface WorkshopServiceHandle {
  readonly config: WorkshopConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: WorkshopHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly reaction: DurableConsumerHandle;
  readonly projections: ProjectionRunner;
  readonly opsUrl: string;
  /** Stops taking commands and events, finishes in-flight work, closes connections. */
  close(): Promise<ShutdownOutcome>;
}

/**
 * One store's workshop service: the store's event store (migrated), the work-list and KPI projections, the
 * durable timer scheduler and its dispatcher, the command service on NATS, the VehicleDelivered reaction,
 * optionally the relay, the ops server and an ordered shutdown. Everything comes from `config`.
 */
export const startWorkshopService = async (config: WorkshopConfig, options: StartOptions = {}): Promise<WorkshopServiceHandle> => {
  const { GROUP_ID: groupId, STORE_ID: storeId } = config;
  const settings = workshopSettingsOf(config);
  const logger = options.logger ?? createLogger({ service: 'workshop', level: config.LOG_LEVEL, groupId, storeId });
  const metrics = createMetricsRegistry({ service: 'workshop', storeId });
  const ops = createOpsServer({ registry: metrics, logger, host: config.HTTP_HOST, port: config.HTTP_PORT, checkTimeoutMs: config.READINESS_TIMEOUT_MS });
  let startFailed = false;
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.ownProcess ? { exit: (code: number) => process.exit(startFailed ? 1 : code) } : { signals: [], exit: () => undefined }),
  });
  const fail = async (error: unknown): Promise<never> => {
    startFailed = true;
    logger.fatal({ err: error }, 'workshop service failed to start');
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
    await migrateScheduler(pool, WORKSHOP_SCHEDULER_SCHEMA);
    const events = new PostgresEventStore({ pool });
    shutdown.onShutdown('event-store', () => events.close(), { order: SHUTDOWN_ORDER.closeConnections });
    const clock = options.clock ? { clock: options.clock } : {};
    const scheduler = new PostgresCommandScheduler({ pool, schema: WORKSHOP_SCHEDULER_SCHEMA, ...clock });
    const store = new SchedulingEventStore({ events, pool, scheduler, timersOf: scheduledCommandsOf(settings) });
    const handlers = workshopHandlers({ store, groupId, settings });

    const nc = await connect({ servers: config.NATS_URL, name: `workshop-${storeId}`, maxReconnectAttempts: -1 });
    shutdown.onShutdown('nats', () => nc.drain(), { order: SHUTDOWN_ORDER.closeConnections });
    ops.registerReadinessCheck('nats', natsReadinessCheck(nc));
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStoreStream(jsm, { groupId, storeId });

    if (config.WORKSHOP_RUN_RELAY) {
      const relay = new EventRelay({ store: events, pool, js, jsm, groupId, storeId, registry: platformRegistry, logger, metrics });
      await relay.start();
      shutdown.onShutdown('relay', () => relay.stop(), { order: SHUTDOWN_ORDER.drain });
    }

    const projections = new ProjectionRunner({ pool, store: events, projections: createWorkshopProjections({ timeZone: config.STORE_TIME_ZONE }), logger, metrics });
    await projections.start();
    shutdown.onShutdown('projections', () => projections.stop(), { order: SHUTDOWN_ORDER.drain });

    const dispatcher = new ScheduledCommandDispatcher({
      pool,
      schema: WORKSHOP_SCHEDULER_SCHEMA,
      send: timerSender(handlers, logger),
      pollIntervalMs: config.WORKSHOP_TIMER_POLL_MS,
      logger: { warn: (message, details) => logger.warn(details ?? {}, message), error: (message, details) => logger.error(details ?? {}, message) },
      ...clock,
    });
    dispatcher.start();
    shutdown.onShutdown('timers', () => dispatcher.stop(), { order: SHUTDOWN_ORDER.drain });

    const reaction = await startVehicleDeliveredReaction({
      js, jsm, pool, store, registry: platformRegistry, groupId, storeId, settings, logger,
      ...(options.deliveredDurable ? { durable: options.deliveredDurable } : {}),
    });
    shutdown.onShutdown('vehicle-delivered', () => reaction.stop(), { order: SHUTDOWN_ORDER.stopIntake });
    const claims = await startClaimReportedReaction({ js, jsm, pool, store, registry: platformRegistry, groupId, storeId, settings, logger, ...(options.claimDurable ? { durable: options.claimDurable } : {}) });
    shutdown.onShutdown('claim-reported', () => claims.stop(), { order: SHUTDOWN_ORDER.stopIntake });

    const commands = await bootstrapCommandService({
      context: w.WORKSHOP_CONTEXT,
      storeId,
      registry: platformRegistry,
      connection: nc,
      module: WorkshopTransportModule.forHandlers(handlers),
      logger: new PinoNestLogger(logger),
    });
    shutdown.onShutdown('commands', () => commands.close(), { order: SHUTDOWN_ORDER.stopIntake });

    const { url: opsUrl } = await ops.listen();
    logger.info({ opsUrl }, 'workshop service started');
    return { config, store, pool, handlers, dispatcher, reaction, projections, opsUrl, close: () => shutdown.shutdown('close') };
  } catch (error) {
    return fail(error);
  }
};
