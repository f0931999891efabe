// The workshop service process: wiring only. Configuration comes from the environment (docs/services/workshop.md).
import 'reflect-metadata';
import { loadWorkshopConfig, type WorkshopConfig } from './config.js';
import { startWorkshopService } from './service.js';

let config: WorkshopConfig;
try {
  config = loadWorkshopConfig();
} catch (error) {
  // A ConfigError names every bad variable (never its value); nothing has started yet.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await startWorkshopService(config, { ownProcess: true });
