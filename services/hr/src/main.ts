// The HR service process: wiring only. Configuration comes from the environment (docs/services/hr.md).
import 'reflect-metadata';
import { type HrConfig, loadHrConfig } from './config.js';
import { startHrService } from './service.js';

let config: HrConfig;
try {
  config = loadHrConfig();
} catch (error) {
  // A ConfigError names every bad variable (never its value); nothing has started yet.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await startHrService(config, { ownProcess: true });
