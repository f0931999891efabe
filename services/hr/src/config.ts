import { defineConfig, loadConfig, positiveIntVar, type Env } from '@rooftop/platform';
import { storeServiceConfig } from '@rooftop/service-host';
import { z } from 'zod';
import { DEFAULT_COMMISSION_SETTINGS, type CommissionSettings } from './domain/commission/settings.js';
import { COMMISSION_SCHEMES, SALES_ROLES, VEHICLE_CLASSES } from './domain/commission/scheme.js';
import { DEFAULT_HR_SETTINGS, type HrSettings } from './domain/settings.js';

/** `a=x,b=y` → { a: 'x', b: 'y' }, every value one of `values`. */
const pairs = <V extends string>(values: readonly [V, ...V[]], fallback: Readonly<Record<string, V>>) =>
  z
    .string()
    .optional()
    .transform((text) =>
      text === undefined
        ? Object.entries(fallback)
        : text
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0)
            .map((s) => s.split('=').map((p) => p.trim())),
    )
    .pipe(z.array(z.tuple([z.string().min(1), z.enum(values)])))
    .transform((entries) => Object.fromEntries(entries) as Record<string, V>);

/** The HR service's environment: the platform's variables plus this store's HR and commission settings. */
export const hrConfig = defineConfig({
  ...storeServiceConfig.shape,
  HR_ONBOARDING_WITHIN_MONTHS: positiveIntVar()
    .default(DEFAULT_HR_SETTINGS.onboardingWithinMonths)
    .describe('Onboarding training is due within this many months of hire (store documents: 1).'),
  HR_COMMISSION_SCHEME: z
    .enum([...COMMISSION_SCHEMES.keys()] as [string, ...string[]])
    .default(DEFAULT_COMMISSION_SETTINGS.schemeId)
    .describe('Commission scheme in force (versioned; 2013-05 is the May 2013 scheme of docs/domain/hr.md).'),
  HR_COMMISSION_MODEL_CLASSES: pairs(VEHICLE_CLASSES, DEFAULT_COMMISSION_SETTINGS.modelClasses).describe(
    "Vehicle class of each model for the scheme's tables, e.g. `T33两厢=hatchback,CS75=sedan` (none by default).",
  ),
  HR_COMMISSION_DEFAULT_CLASS: z
    .enum(VEHICLE_CLASSES)
    .default(DEFAULT_COMMISSION_SETTINGS.defaultClass)
    .describe('Vehicle class of models not listed (default sedan).'),
  HR_COMMISSION_POSITIONS: pairs(SALES_ROLES, DEFAULT_COMMISSION_SETTINGS.positions).describe(
    'Positions whose holders get a commission statement and their table, e.g. `sales-consultant=consultant,sales-assistant=assistant` (the default).',
  ),
  HR_TIMER_POLL_MS: positiveIntVar().default(1_000).describe('Poll period of the timer dispatcher (wake-ups also arrive over LISTEN/NOTIFY).'),
});

export type HrConfig = z.output<typeof hrConfig>;

export const loadHrConfig = (env: Env = process.env): HrConfig => loadConfig(hrConfig, env);

export const hrSettingsOf = (c: HrConfig): HrSettings => ({ timeZone: c.STORE_TIME_ZONE, onboardingWithinMonths: c.HR_ONBOARDING_WITHIN_MONTHS });

export const commissionSettingsOf = (c: HrConfig): CommissionSettings => ({
  schemeId: c.HR_COMMISSION_SCHEME,
  modelClasses: c.HR_COMMISSION_MODEL_CLASSES,
  defaultClass: c.HR_COMMISSION_DEFAULT_CLASS,
  positions: c.HR_COMMISSION_POSITIONS,
});
