// The parts service process: wiring only. Configuration comes from the environment (docs/services/parts.md).
import 'reflect-metadata';
import { loadPartsConfig, type PartsConfig } from './config.js';
import { startPartsService } from './service.js';

let config: PartsConfig;
try {
  config = loadPartsConfig();
} catch (error) {
  // A ConfigError names every bad variable (never its value); nothing has started yet.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await startPartsService(config, { ownProcess: true });
