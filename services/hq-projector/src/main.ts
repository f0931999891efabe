// The HQ projector process: wiring only. Configuration comes from the environment (see docs/hq.md).
import { type HqConfig, loadHqConfig } from './config.js';
import { startHqProjector } from './service.js';

let config: HqConfig;
try {
  config = loadHqConfig();
} catch (error) {
  // A ConfigError names every bad variable (never its value); nothing has started yet.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await startHqProjector(config, { ownProcess: true });
