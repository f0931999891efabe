import { connect } from '@nats-io/transport-node';
import { createCommandSigner } from '@rooftop/messaging';
import { commandSigningKeyVar, defineConfig, loadConfig, natsConnectionOptionsFromEnv } from '@rooftop/platform';
import { parseSimulatorArgs } from './args.js';
import { MissingServicesError } from './services-check.js';
import { simulate, summary } from './simulate.js';

// npm run simulate -- --stores 3 --months 6 --seed 42 [--scale 0.1] [--end YYYY-MM-DD] [--concurrency 16]
// Drives running store services — all five of each store — through NATS_URL (the stores' NATS, or a hub they are
// leaves of; with a secured bus, as the simulator's NATS user: NATS_NKEY_SEED or NATS_NKEY_SEED_FILE, NATS_INBOX_PREFIX,
// NATS_TLS_CA — docs/operations.md). Before the first command it checks that each answers and names those that do not. Their timers run
// on the wall clock here, so a deadline may race a call the simulation makes late, and a commission statement
// reads what HR had projected when it came; `npm start` runs the simulator in the services' process with the
// timers on the simulated clock and lets the store settle before statements, which makes a seed reproducible.
let args;
try {
  args = parseSimulatorArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`simulate: ${(error as Error).message}\n`);
  process.exit(2);
}
const simulatorConfig = defineConfig({
  COMMAND_SIGNING_KEY: commandSigningKeyVar().describe(
    "Ed25519 private JWK with its kid that signs the commands' assertions; the services must trust it as a clock authority (COMMAND_ISSUER_KEYS, clock: true).",
  ),
});
let config;
try {
  config = loadConfig(simulatorConfig);
} catch (error) {
  process.stderr.write(`simulate: ${(error as Error).message}\n`);
  process.exit(2);
}
const nc = await connect(natsConnectionOptionsFromEnv(process.env, 'rooftop-simulator'));
try {
  const result = await simulate({ ...args, nc, signer: createCommandSigner(config.COMMAND_SIGNING_KEY), progress: process.stdout });
  for (const line of summary(result)) process.stdout.write(`${line}\n`);
  process.exitCode = Object.keys(result.stats.unexpected).length === 0 ? 0 : 1;
} catch (error) {
  if (!(error instanceof MissingServicesError)) throw error;
  process.stderr.write(`simulate: ${error.message}\n`);
  process.exitCode = 2;
} finally {
  await nc.drain();
}
