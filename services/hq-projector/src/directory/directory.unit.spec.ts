import { type RooftopError, ValidationError } from '@rooftop/eventsourcing';
import { ConfigError } from '@rooftop/platform';
import { describe, expect, it } from 'vitest';
import { loadHqConfig } from '../config.js';
import { apportion, demoStoreTargets } from './demo-store-targets.js';
import { groupTargetsSchema } from './group-targets.js';
import { storeDirectorySchema } from './store-directory.js';

const store = { storeId: 'bj01', name: '北京长安4S店', brands: ['Changan'], region: 'north', timeZone: 'Asia/Shanghai' };

describe('HQ inputs', () => {
  it('accepts a directory and rejects unknown zones, duplicate ids and unknown fields', () => {
    expect(storeDirectorySchema.parse([store, { ...store, storeId: 'ur01', timeZone: 'Asia/Urumqi', jsDomain: 'ur01' }])).toHaveLength(2);
    expect(storeDirectorySchema.safeParse([{ ...store, timeZone: 'Mars/Base' }]).success).toBe(false);
    expect(storeDirectorySchema.safeParse([store, store]).success).toBe(false);
    expect(storeDirectorySchema.safeParse([{ ...store, storeId: 'bj.01' }]).success).toBe(false);
    expect(storeDirectorySchema.safeParse([{ ...store, extra: 1 }]).success).toBe(false);
  });

  it('accepts monthly targets in fen and rejects bad months, fractions, other currencies and duplicates', () => {
    const target = { storeId: 'bj01', month: '2025-03', units: 40, revenue: { amount: 600_000_000, currency: 'CNY' } };
    expect(groupTargetsSchema.parse([target])).toHaveLength(1);
    expect(groupTargetsSchema.safeParse([{ ...target, month: '2025-13' }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([{ ...target, units: 1.5 }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([{ ...target, revenue: { amount: 1, currency: 'USD' } }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([target, target]).success).toBe(false);
  });

  it('accepts after-sales store targets in the unit of their measure, mixed with the group plan', () => {
    const money = { storeId: 'bj01', month: '2025-03', measure: 'afterSalesRevenue', target: { amount: 48_000_000, currency: 'CNY' } };
    const count = { storeId: 'bj01', month: '2025-03', measure: 'repairVehicles', target: 650 };
    const plan = { storeId: 'bj01', month: '2025-03', units: 40 };
    expect(groupTargetsSchema.parse([plan, money, count])).toEqual([plan, money, count]);
    // A money measure needs money, a count measure a whole number; unknown measures and fields are refused.
    expect(groupTargetsSchema.safeParse([{ ...money, target: 48_000_000 }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([{ ...count, target: { amount: 650, currency: 'CNY' } }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([{ ...count, target: 6.5 }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([{ ...count, measure: 'csi', target: 93 }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([{ ...money, units: 1 }]).success).toBe(false);
    expect(groupTargetsSchema.safeParse([money, { ...money, target: { amount: 1, currency: 'CNY' } }]).success).toBe(false);
    // The same (store, month) may have a plan and store targets.
    expect(groupTargetsSchema.safeParse([plan, { ...money, month: '2025-04' }, { ...money, measure: 'renewalPremium' }]).success).toBe(true);
  });

  it('gives the stated after-sales targets per store and month, money summing to the stated years exactly', () => {
    const rows = demoStoreTargets({ storeIds: ['bj01', 'sh02'], from: '2025-01', to: '2025-12' });
    expect(rows).toHaveLength(2 * 12 * 6);
    expect(groupTargetsSchema.safeParse(rows).success).toBe(true);
    const total = (storeId: string, measure: string) =>
      rows.filter((r) => r.storeId === storeId && r.measure === measure).reduce((a, r) => a + (typeof r.target === 'number' ? r.target : r.target.amount), 0);
    const byMonth = (measure: string) =>
      rows.filter((r) => r.storeId === 'bj01' && r.measure === measure).map((r) => (typeof r.target === 'number' ? r.target : r.target.amount));
    expect(byMonth('afterSalesRevenue')).toEqual([50, 49, 48, 47, 46, 45, 48, 49, 50, 52, 56, 60].map((w) => w * 1_000_000));
    expect(total('sh02', 'afterSalesRevenue')).toBe(600_000_000);
    expect(total('bj01', 'claimRepairOutput')).toBe(220_000_000);
    expect(byMonth('claimRepairOutput')[0]).toBe(18_333_333); // 220万 × 50/600, rounded
    expect(total('bj01', 'partsPurchases')).toBe(80_000_000);
    expect(byMonth('accessorySales')).toEqual(Array.from({ length: 12 }, () => 2_500_000));
    expect(byMonth('repairVehicles')).toEqual(Array.from({ length: 12 }, () => 650));
    expect(byMonth('renewalPremium')).toEqual(Array.from({ length: 12 }, () => 10_000_000));
    // Across a year end, each calendar month keeps its own profile value.
    const span = demoStoreTargets({ storeIds: ['bj01'], from: '2024-12', to: '2025-01' }).filter((r) => r.measure === 'afterSalesRevenue');
    expect(span.map((r) => [r.month, typeof r.target === 'number' ? r.target : r.target.amount])).toEqual([
      ['2024-12', 60_000_000],
      ['2025-01', 50_000_000],
    ]);
    expect(() => demoStoreTargets({ storeIds: ['bj01'], from: '2025-03', to: '2025-02' })).toThrow(ValidationError);
    expect(() => demoStoreTargets({ storeIds: [], from: '2025-01', to: '2025-02' })).toThrow(ValidationError);
  });

  it('apportions a total exactly, the largest remainders first', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [50, 49, 1])).toEqual([50, 49, 1]);
  });

  it('reads its config without a store id and names bad variables in one typed error', () => {
    const config = loadHqConfig({ GROUP_ID: 'acme' });
    expect(config).toMatchObject({ HQ_SCHEMA: 'hq', GROUP_STREAM: 'GROUP_EVENTS', HQ_DURABLE: 'hq-projector', HQ_BATCH_SIZE: 500, GROUP_STREAM_MAX_BYTES: -1 });
    expect(config).not.toHaveProperty('STORE_ID');
    let error: unknown;
    try {
      loadHqConfig({ GROUP_ID: 'acme', HQ_SCHEMA: 'HQ; drop', HQ_BATCH_SIZE: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as RooftopError).message).toContain('HQ_SCHEMA');
    expect((error as RooftopError).message).toContain('HQ_BATCH_SIZE');
  });
});
