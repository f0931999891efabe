import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { insurance as i, platformRegistry } from '@rooftop/contracts';
import { insuranceKpiProjections } from '@rooftop/kpis';
import {
  migrateEventStore,
  migrateScheduler,
  PostgresCommandScheduler,
  PostgresEventStore,
  ScheduledCommandDispatcher,
  SchedulingEventStore,
} from '@rooftop/eventstore-postgres';
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
import { insuranceHandlers, type InsuranceHandlers } from './commands/handlers.js';
import { timerSender } from './commands/timer-sender.js';
import { scheduledCommandsOf } from './commands/timers.js';
import { type InsuranceConfig, insuranceSettingsOf } from './config.js';
import { startClaimInvoicedReaction } from './reactions/claim-repair-invoiced.js';
import { startVehicleDeliveredReaction } from './reactions/vehicle-delivered.js';
import { PinoNestLogger } from './transport/nest-logger.js';
import { InsuranceTransportModule } from './transport/insurance-transport.module.js';

/** The insurance timers live in their own schema, so another context's dispatcher never claims them. */
export const INSURANCE_SCHEDULER_SCHEMA = 'insurance_scheduler';

export interface StartOptions {
  /** Listen for SIGINT/SIGTERM and exit the process after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
  /** Durable name of the VehicleDelivered consumer (tests give each run its own). */
  readonly deliveredDurable?: string;
  /** Durable name of the workshop RepairOrderInvoiced consumer (tests give each run its own). */
  readonly invoicedDurable?: string;
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export interface InsuranceServiceHandle {
  readonly config: InsuranceConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: InsuranceHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly reaction: DurableConsumerHandle;
  readonly claimReaction: DurableConsumerHandle;
  readonly projections: ProjectionRunner;
  readonly opsUrl: string;
  /** Stops taking commands and events, finishes in-flight work, closes connections. */
  close(): Promise<ShutdownOutcome>;
}

/**
 * One store's insurance service: the event store (migrated), the insurance KPI and renewals-due projections,
 * the renewal timers and their dispatcher, the command service on NATS, the VehicleDelivered and claim-invoice reactions,
 * optionally the relay, the ops server and an ordered shutdown. Everything comes from `config`.
 */
export const startInsuranceService = async (config: InsuranceConfig, options: StartOptions = {}): Promise<InsuranceServiceHandle> => {
  const { GROUP_ID: groupId, STORE_ID: storeId } = config;
  const settings = insuranceSettingsOf(config);
  const logger = options.logger ?? createLogger({ service: 'insurance', level: config.LOG_LEVEL, groupId, storeId });
  const metrics = createMetricsRegistry({ service: 'insurance', storeId });
  const ops = createOpsServer({ registry: metrics, logger, host: config.HTTP_HOST, port: config.HTTP_PORT, checkTimeoutMs: config.READINESS_TIMEOUT_MS });
  let startFailed = false;
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.ownProcess ? { exit: (code: number) => process.exit(startFailed ? 1 : code) } : { signals: [], exit: () => undefined }),
  });
  const fail = async (error: unknown): Promise<never> => {
    startFailed = true;
    logger.fatal({ err: error }, 'insurance service failed to start');
    await shutdown.shutdown('start-up failed');
    throw error;
  };

  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX ?? 10 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL client failed'));
  shutdown.onShutdown('postgres', () => pool.end(), { order: SHUTDOWN_ORDER.closeConnections + 10 });
  shutdown.onShutdown('ops-server', () => ops.close(), { order: SHUTDOWN_ORDER.closeOpsServer });
  shutdown.onShutdown('readiness', () => ops.markShuttingDown(), { order: SHUTDOWN_ORDER.stopIntake - 10 });
  ops.registerReadinessCheck('postgres', postgresReadinessCheck(pool));

  try {
    await migrateEventStore(pool);
    await migrateScheduler(pool, INSURANCE_SCHEDULER_SCHEMA);
    const events = new PostgresEventStore({ pool });
    shutdown.onShutdown('event-store', () => events.close(), { order: SHUTDOWN_ORDER.closeConnections });
    const clock = options.clock ? { clock: options.clock } : {};
    const scheduler = new PostgresCommandScheduler({ pool, schema: INSURANCE_SCHEDULER_SCHEMA, ...clock });
    const store = new SchedulingEventStore({ events, pool, scheduler, timersOf: scheduledCommandsOf(settings) });
    const handlers = insuranceHandlers({ store, groupId, settings });

    const nc = await connect({ servers: config.NATS_URL, name: `insurance-${storeId}`, maxReconnectAttempts: -1 });
    shutdown.onShutdown('nats', () => nc.drain(), { order: SHUTDOWN_ORDER.closeConnections });
    ops.registerReadinessCheck('nats', natsReadinessCheck(nc));
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStoreStream(jsm, { groupId, storeId });

    if (config.INSURANCE_RUN_RELAY) {
      const relay = new EventRelay({ store: events, pool, js, jsm, groupId, storeId, registry: platformRegistry, logger, metrics });
      await relay.start();
      shutdown.onShutdown('relay', () => relay.stop(), { order: SHUTDOWN_ORDER.drain });
    }

    const projections = new ProjectionRunner({ pool, store: events, projections: insuranceKpiProjections({ timeZone: config.STORE_TIME_ZONE }), logger, metrics });
    await projections.start();
    shutdown.onShutdown('projections', () => projections.stop(), { order: SHUTDOWN_ORDER.drain });

    const dispatcher = new ScheduledCommandDispatcher({
      pool,
      schema: INSURANCE_SCHEDULER_SCHEMA,
      send: timerSender(handlers, logger),
      pollIntervalMs: config.INSURANCE_TIMER_POLL_MS,
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
    const claimReaction = await startClaimInvoicedReaction({
      js, jsm, pool, store, registry: platformRegistry, groupId, storeId, settings, logger,
      ...(options.invoicedDurable ? { durable: options.invoicedDurable } : {}),
    });
    shutdown.onShutdown('claim-invoiced', () => claimReaction.stop(), { order: SHUTDOWN_ORDER.stopIntake });

    const commands = await bootstrapCommandService({
      context: i.INSURANCE_CONTEXT,
      storeId,
      registry: platformRegistry,
      connection: nc,
      module: InsuranceTransportModule.forHandlers(handlers),
      logger: new PinoNestLogger(logger),
    });
    shutdown.onShutdown('commands', () => commands.close(), { order: SHUTDOWN_ORDER.stopIntake });

    const { url: opsUrl } = await ops.listen();
    logger.info({ opsUrl }, 'insurance service started');
    return { config, store, pool, handlers, dispatcher, reaction, claimReaction, projections, opsUrl, close: () => shutdown.shutdown('close') };
  } catch (error) {
    return fail(error);
  }
};
