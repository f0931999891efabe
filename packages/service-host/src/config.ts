import { STORE_STREAM_DEFAULTS } from '@rooftop/messaging';
import { baseConfig, commandIssuerKeysVar, defineConfig, eventStoreVars, positiveIntVar } from '@rooftop/platform';
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
    .describe(
      "Size limit of the store's JetStream event stream, in bytes (JetStream reserves it on the server's disk up front); the same for every service of the store.",
    ),
  COMMAND_ISSUER_KEYS: commandIssuerKeysVar().describe(
    'Who may send commands over NATS: JSON {"<kid>": {"key": <Ed25519 public JWK>, "roles": "*" or [...], "stores": "*" or [...], "clock": false}}. A command is handled only with an assertion signed by one of these keys (docs/commands.md); clock=true lets that issuer set metadata.now.',
  ),
  COMMAND_CLOCK_SKEW_MS: positiveIntVar()
    .max(3_600_000)
    .default(120_000)
    .describe(
      "How far a command's metadata.now from an issuer without clock=true may be from the service's clock before the command is refused (the service's clock is used either way).",
    ),
});

export type StoreServiceConfig = z.output<typeof storeServiceConfig>;
