import { createLogger, createShutdown } from '@rooftop/platform';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './start.js';

// Wiring only: configuration, logging, the server, shutdown.
const config = loadGatewayConfig();
const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL, groupId: config.GROUP_ID, ...(config.STORE_ID ? { storeId: config.STORE_ID } : {}) });
const running = await startGateway(config, logger);
logger.info({ url: running.url, scope: config.GATEWAY_SCOPE }, 'gateway listening');
const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
shutdown.onShutdown('gateway', () => running.close());
