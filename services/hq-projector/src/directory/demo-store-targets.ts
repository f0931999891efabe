import { parseWith } from '@rooftop/contracts';
import { z } from 'zod';
import { monthSchema, type StoreTargetInput } from './group-targets.js';

// The after-sales targets the store documents state (docs/domain/targets.md), as the demo's
// per-store monthly store targets. Real targets are HQ's data (`hq -- targets load`); these are the defaults.

const WAN = 1_000_000; // 1万元 in fen

/** After-sales revenue by calendar month, 万元 (Jan..Dec; 600万 a year). */
export const AFTER_SALES_REVENUE_PROFILE = [50, 49, 48, 47, 46, 45, 48, 49, 50, 52, 56, 60] as const;

/** Splits `total` into integers proportional to `weights`, summing exactly to it (largest remainder, ties to the earlier). */
export const apportion = (total: number, weights: readonly number[]): number[] => {
  // Integer weights and totals well below 2^53 / max weight, so every product and remainder here is exact.
  const sum = weights.reduce((a, w) => a + w, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const left = total - shares.reduce((a, s) => a + s, 0);
  const order = weights.map((w, i) => ({ i, rest: (total * w) % sum })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < left; k++) shares[order[k]!.i]! += 1;
  return shares;
};

const EVEN = Array.from({ length: 12 }, () => 1);
const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

/** The twelve months' targets of one store, by calendar month index (0 = January). */
const YEAR = (() => {
  const afterSales = AFTER_SALES_REVENUE_PROFILE.map((w) => w * WAN);
  // Insurance-claim output ≥ 220万 a year, following the after-sales season; genuine parts ≥ 80万 and
  // accessories ≥ 30万 a year, evenly; 650 repair vehicles and 10万 renewal premium every month.
  const claims = apportion(220 * WAN, AFTER_SALES_REVENUE_PROFILE);
  const parts = apportion(80 * WAN, EVEN);
  const accessories = apportion(30 * WAN, EVEN);
  return EVEN.map(
    (_, m) =>
      [
        { measure: 'afterSalesRevenue', target: cny(afterSales[m]!) },
        { measure: 'claimRepairOutput', target: cny(claims[m]!) },
        { measure: 'repairVehicles', target: 650 },
        { measure: 'partsPurchases', target: cny(parts[m]!) },
        { measure: 'accessorySales', target: cny(accessories[m]!) },
        { measure: 'renewalPremium', target: cny(10 * WAN) },
      ] as const,
  );
})();

const demoRangeSchema = z
  .strictObject({ storeIds: z.array(z.string().min(1).max(64)).min(1).max(1000), from: monthSchema, to: monthSchema })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'to is before from' })
  .refine((r) => monthIndex(r.to) - monthIndex(r.from) < 120, { path: ['to'], message: 'more than 120 months' });

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number): string => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * The after-sales targets of docs/domain/targets.md for every store and every month `from`..`to` (`YYYY-MM`, inclusive), as
 * rows for `loadGroupTargets`. Bad input is a typed ValidationError.
 */
export const demoStoreTargets = (range: { storeIds: readonly string[]; from: string; to: string }): StoreTargetInput[] => {
  const { storeIds, from, to } = parseWith(demoRangeSchema, { ...range, storeIds: [...range.storeIds] }, 'demo store targets');
  const rows: StoreTargetInput[] = [];
  for (const storeId of storeIds) {
    for (let m = monthIndex(from); m <= monthIndex(to); m++) {
      for (const t of YEAR[m % 12]!) rows.push({ storeId, month: monthOf(m), ...t });
    }
  }
  return rows;
};
