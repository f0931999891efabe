import { GROUP_STREAM_NAME } from '@rooftop/contracts';
import { baseConfig, defineConfig, type Env, idVar, loadConfig, positiveIntVar, booleanVar } from '@rooftop/platform';
import { z } from 'zod';

/** HQ belongs to no store: the platform's variables without STORE_ID (zones come from the store directory). */
export const hqConfig = defineConfig({
  ...baseConfig.omit({ STORE_ID: true, STORE_TIME_ZONE: true }).shape,
  HQ_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('hq')
    .describe('PostgreSQL schema of the HQ read models (KPI facts, store directory, group targets, applied positions). A rebuild uses a new one.'),
  GROUP_STREAM: idVar().default(GROUP_STREAM_NAME).describe('The JetStream stream at the hub that sources every store stream.'),
  HQ_DURABLE: idVar().default('hq-projector').describe('Durable consumer name of the projector on the group stream.'),
  HQ_BATCH_SIZE: positiveIntVar().default(500).describe('Events applied in one transaction at most.'),
  GROUP_STREAM_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(-1)
    .default(-1)
    .describe("Size limit of GROUP_EVENTS in bytes (-1: the hub's JetStream storage limit only; reserved up front when set)."),
  HQ_PROVISION_STREAM: booleanVar()
    .default(true)
    .describe('At start, create GROUP_EVENTS or add a source for every store of the directory (adding a store is a directory entry).'),
});

export type HqConfig = z.output<typeof hqConfig>;

export const loadHqConfig = (env: Env = process.env): HqConfig => loadConfig(hqConfig, env);
