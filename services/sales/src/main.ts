// The sales service process: wiring only. Configuration comes from the environment (see docs/services/sales.md).
import 'reflect-metadata';
import { loadSalesConfig, type SalesConfig } from './config.js';
import { startSalesService } from './service.js';

let config: SalesConfig;
try {
  config = loadSalesConfig();
} catch (error) {
  // A ConfigError names every bad variable (never its value); nothing has started yet.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await startSalesService(config, { ownProcess: true });
