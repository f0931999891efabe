import { connect } from '@nats-io/transport-node';
import { hr, platformRegistry } from '@rooftop/contracts';
import { migrateEventStore, migrateScheduler, PostgresCommandScheduler, PostgresEventStore, ScheduledCommandDispatcher, SchedulingEventStore } from '@rooftop/eventstore-postgres';
import { bootstrapCommandService } from '@rooftop/messaging';
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
import { hrHandlers, type HrHandlers } from './commands/handlers.js';
import { timerSender } from './commands/timer-sender.js';
import { scheduledCommandsOf } from './commands/timers.js';
import { commissionSettingsOf, type HrConfig, hrSettingsOf } from './config.js';
import { createHrProjections, loadConsultantMonth } from './projections/index.js';
import { HrTransportModule } from './transport/hr-transport.module.js';
import { PinoNestLogger } from './transport/nest-logger.js';

/** HR's timers live in their own schema, so another context's dispatcher never claims them. */
export const HR_SCHEDULER_SCHEMA = 'hr_scheduler';

export interface StartOptions {
  /** Listen for SIGINT/SIGTERM and exit the process after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
  /** Clock of the timer dispatcher (tests move time forward; default the wall clock). */
  readonly clock?: () => Date;
}

export interface HrServiceHandle {
  readonly config: HrConfig;
  readonly store: SchedulingEventStore;
  readonly pool: pg.Pool;
  readonly handlers: HrHandlers;
  readonly dispatcher: ScheduledCommandDispatcher;
  readonly projections: ProjectionRunner;
  readonly opsUrl: string;
  /** Stops taking commands, finishes in-flight work, closes connections. */
  close(): Promise<ShutdownOutcome>;
}

/**
 * One store's HR service: the store's event store (migrated), the commission-inputs projection over the
 * store's whole log (sales, insurance and parts events), the onboarding timers and their dispatcher, the command service
 * on NATS, the ops server and an ordered shutdown. The relay runs in the sales service.
 */
export const startHrService = async (config: HrConfig, options: StartOptions = {}): Promise<HrServiceHandle> => {
  const { GROUP_ID: groupId, STORE_ID: storeId } = config;
  const settings = hrSettingsOf(config);
  const logger = options.logger ?? createLogger({ service: 'hr', level: config.LOG_LEVEL, groupId, storeId });
  const metrics = createMetricsRegistry({ service: 'hr', storeId });
  const ops = createOpsServer({ registry: metrics, logger, host: config.HTTP_HOST, port: config.HTTP_PORT, checkTimeoutMs: config.READINESS_TIMEOUT_MS });
  let startFailed = false;
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.ownProcess ? { exit: (code: number) => process.exit(startFailed ? 1 : code) } : { signals: [], exit: () => undefined }),
  });

  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX ?? 10 });
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL client failed'));
  shutdown.onShutdown('postgres', () => pool.end(), { order: SHUTDOWN_ORDER.closeConnections + 10 });
  shutdown.onShutdown('ops-server', () => ops.close(), { order: SHUTDOWN_ORDER.closeOpsServer });
  shutdown.onShutdown('readiness', () => ops.markShuttingDown(), { order: SHUTDOWN_ORDER.stopIntake - 10 });
  ops.registerReadinessCheck('postgres', postgresReadinessCheck(pool));

  try {
    await migrateEventStore(pool);
    await migrateScheduler(pool, HR_SCHEDULER_SCHEMA);
    const events = new PostgresEventStore({ pool });
    shutdown.onShutdown('event-store', () => events.close(), { order: SHUTDOWN_ORDER.closeConnections });
    const clock = options.clock ? { clock: options.clock } : {};
    const scheduler = new PostgresCommandScheduler({ pool, schema: HR_SCHEDULER_SCHEMA, ...clock });
    const store = new SchedulingEventStore({ events, pool, scheduler, timersOf: scheduledCommandsOf(settings) });

    const projections = new ProjectionRunner({ pool, store: events, projections: createHrProjections({ timeZone: config.STORE_TIME_ZONE }), logger, metrics });
    await projections.start();
    shutdown.onShutdown('projections', () => projections.stop(), { order: SHUTDOWN_ORDER.drain });

    const handlers = hrHandlers({
      store,
      groupId,
      settings,
      commission: commissionSettingsOf(config),
      salesInputs: (q) => loadConsultantMonth(pool, q),
    });

    const dispatcher = new ScheduledCommandDispatcher({
      pool,
      schema: HR_SCHEDULER_SCHEMA,
      send: timerSender(handlers, logger),
      pollIntervalMs: config.HR_TIMER_POLL_MS,
      logger: { warn: (message, details) => logger.warn(details ?? {}, message), error: (message, details) => logger.error(details ?? {}, message) },
      ...clock,
    });
    dispatcher.start();
    shutdown.onShutdown('timers', () => dispatcher.stop(), { order: SHUTDOWN_ORDER.drain });

    const nc = await connect({ servers: config.NATS_URL, name: `hr-${storeId}`, maxReconnectAttempts: -1 });
    shutdown.onShutdown('nats', () => nc.drain(), { order: SHUTDOWN_ORDER.closeConnections });
    ops.registerReadinessCheck('nats', natsReadinessCheck(nc));
    const commands = await bootstrapCommandService({
      context: hr.HR_CONTEXT,
      storeId,
      registry: platformRegistry,
      connection: nc,
      module: HrTransportModule.forHandlers(handlers),
      logger: new PinoNestLogger(logger),
    });
    shutdown.onShutdown('commands', () => commands.close(), { order: SHUTDOWN_ORDER.stopIntake });

    const { url: opsUrl } = await ops.listen();
    logger.info({ opsUrl }, 'hr service started');
    return { config, store, pool, handlers, dispatcher, projections, opsUrl, close: () => shutdown.shutdown('close') };
  } catch (error) {
    startFailed = true;
    logger.fatal({ err: error }, 'hr service failed to start');
    await shutdown.shutdown('start-up failed');
    throw error;
  }
};
