import cluster from 'node:cluster';
import { createLogger, createShutdown } from '@rooftop/platform';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './start.js';
import { startWorkers } from './workers.js';

// Wiring only: configuration, logging, the server (or its workers), shutdown.
const config = loadGatewayConfig();
const logger = createLogger({
  service: 'gateway',
  level: config.LOG_LEVEL,
  groupId: config.GROUP_ID,
  ...(config.STORE_ID ? { storeId: config.STORE_ID } : {}),
});
const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
if (config.GATEWAY_WORKERS > 1 && cluster.isPrimary) {
  const workers = startWorkers({ count: config.GATEWAY_WORKERS, logger, onFatal: (code) => process.exit(code) });
  shutdown.onShutdown('gateway workers', () => workers.stop());
} else {
  const running = await startGateway(config, logger);
  logger.info({ url: running.url, scope: config.GATEWAY_SCOPE, ...(cluster.isWorker ? { worker: cluster.worker?.id } : {}) }, 'gateway listening');
  shutdown.onShutdown('gateway', () => running.close());
}
