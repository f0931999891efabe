import { z } from 'zod';
import { defineConfig } from './config.js';
import { idVar, portVar, positiveIntVar, timeZoneVar, urlVar } from './config-vars.js';
import { natsAuthVars } from './nats-connection.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The variables every Rooftop process reads. A process extends it with its own (`baseConfig.extend({...})`);
 * HQ processes, which belong to no store, drop STORE_ID with `baseConfig.omit({ STORE_ID: true })`.
 */
export const baseConfig = defineConfig({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Runtime environment.'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('Lowest pino log level written to stdout.'),
  GROUP_ID: idVar().describe('Dealer group id (letters, digits, - and _); part of every NATS subject.'),
  STORE_ID: idVar().describe('Store (rooftop) id this process serves (letters, digits, - and _).'),
  DATABASE_URL: urlVar('postgres', 'postgresql')
    .default('postgres://postgres@127.0.0.1:5432/rooftop')
    .describe("PostgreSQL connection URL of this store's database (may contain a password; never logged)."),
  DATABASE_POOL_MAX: positiveIntVar()
    .max(1_000)
    .optional()
    .describe("Most PostgreSQL connections the process's pool opens (unset: the process's own size, 20 for sales, workshop and parts, 10 for the others)."),
  NATS_URL: urlVar('nats', 'tls', 'ws', 'wss').default('nats://127.0.0.1:4222').describe('NATS server URL.'),
  ...natsAuthVars,
  HTTP_HOST: z.string().min(1).default('0.0.0.0').describe('Address the ops HTTP server (metrics, health) binds to.'),
  HTTP_PORT: portVar().default(9464).describe('Port of the ops HTTP server: /metrics, /healthz, /readyz (0 = any free port).'),
  STORE_TIME_ZONE: timeZoneVar().default('Asia/Shanghai').describe('IANA time zone of business dates and working days.'),
  SHUTDOWN_TIMEOUT_MS: positiveIntVar().default(10_000).describe('Upper bound for all shutdown hooks together; after it the process exits with code 1.'),
  READINESS_TIMEOUT_MS: positiveIntVar().default(2_000).describe('Time limit of each readiness check behind /readyz.'),
});

export type BaseConfig = z.output<typeof baseConfig>;
