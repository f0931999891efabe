import { booleanVar, defineConfig, loadConfig, positiveIntVar, type Env } from '@rooftop/platform';
import { storeServiceConfig } from '@rooftop/service-host';
import { z } from 'zod';
import { DEFAULT_INSURANCE_SETTINGS as D, type InsuranceSettings } from './domain/settings.js';

/** The insurance service's environment: the platform's variables plus this store's insurance settings. */
export const insuranceConfig = defineConfig({
  ...storeServiceConfig.shape,
  INSURANCE_RENEWAL_LEAD_DAYS: positiveIntVar()
    .max(366)
    .default(D.renewalLeadDays)
    .describe('A policy becomes a renewal opportunity this many days before its cover ends (platform default 60; docs/domain/insurance.md).'),
  INSURANCE_OPEN_AT_HOUR: z.coerce
    .number()
    .int()
    .min(0)
    .max(23)
    .default(D.openAtHour)
    .describe('Local hour at which a renewal opportunity opens (platform default 9).'),
  INSURANCE_RUN_RELAY: booleanVar()
    .default(false)
    .describe("Run the store's event relay (event store → JetStream) in this process. One relay per store: the sales service runs it by default."),
  INSURANCE_TIMER_POLL_MS: positiveIntVar().default(1_000).describe('Poll period of the timer dispatcher (wake-ups also arrive over LISTEN/NOTIFY).'),
});

export type InsuranceConfig = z.output<typeof insuranceConfig>;

export const loadInsuranceConfig = (env: Env = process.env): InsuranceConfig => loadConfig(insuranceConfig, env);

export const insuranceSettingsOf = (c: InsuranceConfig): InsuranceSettings => ({
  timeZone: c.STORE_TIME_ZONE,
  renewalLeadDays: c.INSURANCE_RENEWAL_LEAD_DAYS,
  openAtHour: c.INSURANCE_OPEN_AT_HOUR,
});
