import { booleanVar, defineConfig, loadConfig, type Env } from '@rooftop/platform';
import { storeServiceConfig } from '@rooftop/service-host';
import { z } from 'zod';
import { DEFAULT_PARTS_SETTINGS as D, type PartsSettings } from './domain/settings.js';

const storeList = () =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]+$/)));

/** The parts service's environment: the platform's variables plus this store's parts settings. */
export const partsConfig = defineConfig({
  ...storeServiceConfig.shape,
  PARTS_ACCESSORY_DISCOUNT_AUTHORITY_BPS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(D.accessoryDiscountAuthorityBps)
    .describe(
      'Largest accessory discount a seller grants alone, in basis points of the sale (platform default 1000 = 10 %); above it a manager sends the sale.',
    ),
  PARTS_GROUP_STORES: storeList().describe('Sister stores of the group (comma-separated store ids) this store ships parts to and receives transfers from.'),
  PARTS_RUN_RELAY: booleanVar()
    .default(false)
    .describe("Run the store's event relay in this process (one relay per store; the sales service runs it by default)."),
});

export type PartsConfig = z.output<typeof partsConfig>;

export const loadPartsConfig = (env: Env = process.env): PartsConfig => loadConfig(partsConfig, env);

export const partsSettingsOf = (c: PartsConfig): PartsSettings => ({
  accessoryDiscountAuthorityBps: c.PARTS_ACCESSORY_DISCOUNT_AUTHORITY_BPS,
  groupStores: c.PARTS_GROUP_STORES,
});
