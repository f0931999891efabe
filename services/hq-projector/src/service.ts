import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { platformRegistry } from '@rooftop/contracts';
import { RooftopError } from '@rooftop/eventsourcing';
import {
  createLogger,
  createMetricsRegistry,
  createOpsServer,
  createShutdown,
  type Logger,
  natsConnectionOptions,
  natsReadinessCheck,
  postgresReadinessCheck,
  SHUTDOWN_ORDER,
  type ShutdownOutcome,
} from '@rooftop/platform';
import pg from 'pg';
import { type HqConfig } from './config.js';
import { hqMetrics } from './metrics.js';
import { type GroupConsumer, runGroupConsumer } from './projector/group-consumer.js';
import { migrateHqSchema } from './projector/hq-schema.js';
import { hqKpiProjections } from './projector/projections.js';
import { StoreZones } from './projector/store-zones.js';
import { provisionGroupStream } from './topology.js';

/** Nothing to consume: the group stream does not exist (an empty store directory, or provisioning switched off). */
export class GroupStreamMissingError extends RooftopError {
  constructor(
    readonly stream: string,
    cause: unknown,
  ) {
    super(
      'GROUP_STREAM_MISSING',
      `stream ${stream} is not available at the hub (${cause instanceof Error ? cause.message : String(cause)}): load the store directory first (hq stores load)`,
      { stream },
    );
  }
}

export interface StartHqOptions {
  /** Listen for SIGINT/SIGTERM and exit after shutdown (what `main.ts` wants; tests do not). */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
}

export interface HqProjectorHandle {
  readonly config: HqConfig;
  readonly pool: pg.Pool;
  readonly consumer: GroupConsumer;
  /** Base URL of the ops server (/metrics, /healthz, /readyz). */
  readonly opsUrl: string;
  close(): Promise<ShutdownOutcome>;
}

/**
 * HQ's projector: migrates the HQ schema, provisions GROUP_EVENTS from the store directory, and applies the
 * stores' KPI fact projections to every event of the group stream; ops server and ordered shutdown.
 */
export const startHqProjector = async (config: HqConfig, options: StartHqOptions = {}): Promise<HqProjectorHandle> => {
  const groupId = config.GROUP_ID;
  const logger = options.logger ?? createLogger({ service: 'hq-projector', level: config.LOG_LEVEL, groupId });
  const metrics = createMetricsRegistry({ service: 'hq-projector' });
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
    const schema = config.HQ_SCHEMA;
    const zones = new StoreZones(schema);
    const projections = hqKpiProjections(zones.zoneOf);
    await migrateHqSchema(pool, schema, projections);

    const nc = await connect({ ...natsConnectionOptions(config, `hq-projector-${groupId}`), maxReconnectAttempts: -1 });
    shutdown.onShutdown('nats', () => nc.drain(), { order: SHUTDOWN_ORDER.closeConnections });
    ops.registerReadinessCheck('nats', natsReadinessCheck(nc));
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    if (config.HQ_PROVISION_STREAM) {
      const outcome = await provisionGroupStream(pool, jsm, { schema, groupId, stream: config.GROUP_STREAM, maxBytes: config.GROUP_STREAM_MAX_BYTES });
      logger.info({ stream: config.GROUP_STREAM, outcome }, 'group stream provisioned');
    }
    await jsm.streams.info(config.GROUP_STREAM).catch((error: unknown) => {
      throw new GroupStreamMissingError(config.GROUP_STREAM, error);
    });

    let failure: unknown;
    ops.registerReadinessCheck('consumer', () => {
      if (failure !== undefined) throw failure;
    });
    // The backlog gauge asks the consumer, which exists only once it runs.
    const running: { consumer?: GroupConsumer } = {};
    const onBatch = hqMetrics(metrics, () => running.consumer?.pending() ?? Promise.resolve(0));
    const consumer = await runGroupConsumer({
      js,
      jsm,
      stream: config.GROUP_STREAM,
      batchSize: config.HQ_BATCH_SIZE,
      registry: platformRegistry,
      apply: { pool, schema, durable: config.HQ_DURABLE, projections, zones },
      logger,
      onBatch,
      onFailure: (error) => {
        failure = error;
        // A supervisor restarts the process, which resumes from the checkpoint; in-process callers see /readyz fail.
        if (options.ownProcess) {
          startFailed = true;
          void shutdown.shutdown('consumer failed');
        }
      },
    });
    running.consumer = consumer;
    shutdown.onShutdown('consumer', () => consumer.stop(), { order: SHUTDOWN_ORDER.drain });

    const { url: opsUrl } = await ops.listen();
    logger.info({ opsUrl, schema, stream: config.GROUP_STREAM }, 'hq-projector started');
    return { config, pool, consumer, opsUrl, close: () => shutdown.shutdown('close') };
  } catch (error) {
    startFailed = true;
    logger.fatal({ err: error }, 'hq-projector failed to start');
    await shutdown.shutdown('start-up failed');
    throw error;
  }
};
