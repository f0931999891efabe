// The insurance service process: wiring only. Configuration comes from the environment (docs/services/insurance.md).
import 'reflect-metadata';
import { loadInsuranceConfig, type InsuranceConfig } from './config.js';
import { startInsuranceService } from './service.js';

let config: InsuranceConfig;
try {
  config = loadInsuranceConfig();
} catch (error) {
  // A ConfigError names every bad variable (never its value); nothing has started yet.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await startInsuranceService(config, { ownProcess: true });
