import { STORE_STREAM_DEFAULTS } from '@rooftop/messaging';
import { baseConfig, defineConfig, eventStoreVars, positiveIntVar } from '@rooftop/platform';
import { type z } from 'zod';

/**
 * The variables every store service reads: the platform's (`DATABASE_POOL_MAX` among them), where its log lives
 * (`EVENT_STORE`, `EVENTSTORE_URL`) and the store
 * stream's size (every service of a store provisions the same stream, so they must agree on it). A service
 * extends it with its own settings (`...storeServiceConfig.shape`).
 */
export const storeServiceConfig = defineConfig({
  ...baseConfig.shape,
  ...eventStoreVars,
  STORE_STREAM_MAX_BYTES: positiveIntVar()
    .default(STORE_STREAM_DEFAULTS.maxBytes)
    .describe("Size limit of the store's JetStream event stream, in bytes (JetStream reserves it on the server's disk up front); the same for every service of the store."),
});

export type StoreServiceConfig = z.output<typeof storeServiceConfig>;
