import { booleanVar, defineConfig, loadConfig, positiveIntVar, type Env } from '@rooftop/platform';
import { storeServiceConfig } from '@rooftop/service-host';
import { z } from 'zod';
import { DEFAULT_SALES_SETTINGS, type SalesSettings } from './domain/settings.js';

/** The sales service's environment: the platform's variables plus this store's sales settings. */
export const salesConfig = defineConfig({
  ...storeServiceConfig.shape,
  SALES_CONSULTANT_DISCOUNT_AUTHORITY_FEN: z.coerce
    .number()
    .int()
    .min(0)
    .default(DEFAULT_SALES_SETTINGS.consultantDiscountAuthority)
    .describe(
      "Largest discount off list price, in fen, a consultant may give without a manager's approval (no number in the store documents; 3,000 CNY by default).",
    ),
  SALES_OWNERSHIP_LAPSE_DAYS: positiveIntVar()
    .default(DEFAULT_SALES_SETTINGS.ownershipLapseDays)
    .describe(
      'A return visit more than this many days after the owner last looked after the customer moves ownership to the receiving consultant (顾客归属原则: 一周以上).',
    ),
  SALES_REQUIRE_SETTLEMENT_BEFORE_DELIVERY: booleanVar()
    .default(DEFAULT_SALES_SETTINGS.requireSettlementBeforeDelivery)
    .describe('Hand a vehicle over only after its order is settled (paid in full).'),
});

export type SalesConfig = z.output<typeof salesConfig>;

export const loadSalesConfig = (env: Env = process.env): SalesConfig => loadConfig(salesConfig, env);

export const salesSettingsOf = (config: SalesConfig): SalesSettings => ({
  consultantDiscountAuthority: config.SALES_CONSULTANT_DISCOUNT_AUTHORITY_FEN,
  ownershipLapseDays: config.SALES_OWNERSHIP_LAPSE_DAYS,
  requireSettlementBeforeDelivery: config.SALES_REQUIRE_SETTLEMENT_BEFORE_DELIVERY,
  timeZone: config.STORE_TIME_ZONE,
});
