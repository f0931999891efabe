import { GROUP_STREAM_NAME } from '@rooftop/contracts';
import { defineConfig, natsAuthVars, urlVar } from '@rooftop/platform';
import { z } from 'zod';

/** The `integrators` process's environment (docs/integrators.md, "Running it"; docs/operations.md). */
export const integratorsConfig = defineConfig({
  NATS_URL: urlVar('nats', 'tls').default('nats://127.0.0.1:4222').describe("HQ hub's NATS URL."),
  DATABASE_URL: urlVar('postgres', 'postgresql').default('postgres://postgres@127.0.0.1:5432/rooftop_hq').describe('HQ PostgreSQL (the store directory).'),
  HQ_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('hq')
    .describe('Schema of the HQ directory (`<schema>.stores`).'),
  GROUP_STREAM: z.string().min(1).default(GROUP_STREAM_NAME).describe('The hub stream the feeds read.'),
  ...natsAuthVars,
  HQ_NATS_NKEY_SEED: natsAuthVars.NATS_NKEY_SEED.describe(
    "nkey seed of HQ's integrator-feed user (reads GROUP_EVENTS); unset: the NATS_* connection reads it too.",
  ),
  HQ_NATS_NKEY_SEED_FILE: natsAuthVars.NATS_NKEY_SEED_FILE.describe("File holding the seed of HQ's integrator-feed user."),
  HQ_NATS_INBOX_PREFIX: natsAuthVars.NATS_INBOX_PREFIX.describe("Inbox prefix of HQ's integrator-feed user (`_INBOX.hq_integrator-feed`)."),
  NATS_CREDENTIALS_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('The bus directory `npm run nats:credentials -- init --out` wrote: issue and revoke change its credentials.'),
  INTEGRATORS_NATS_PID_FILE: z.string().min(1).optional().describe("The hub's pid_file: issue and revoke send it SIGHUP (a config reload)."),
  NATS_MONITOR_URL: urlVar('http', 'https').optional().describe("The hub's monitoring URL: issue and revoke wait until the reload is loaded."),
});
