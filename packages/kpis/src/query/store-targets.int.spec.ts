import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABSENT_RECHECK_MS, replaceStoreTargets, storeTargetsDdl, storeTargetsGeneration, sumStoreTargets } from './store-targets.js';

// The store-target table on its own (the HQ loader and queryKpis over it: services/hq-projector/test/store-targets.int.spec.ts).

describe('store targets table', () => {
  let db: TestDatabase;
  let clock = 0;
  const now = () => clock;

  beforeAll(async () => {
    db = await createTestDatabase('kpi_store_targets');
  });
  afterAll(async () => {
    await db.drop();
  });

  const load = async (rows: Parameters<typeof replaceStoreTargets>[2]) => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await replaceStoreTargets(client, 'tgt', rows);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };

  it('has no generation where the table is missing (rechecked after a while), then one that every load moves', async () => {
    expect(await storeTargetsGeneration(db.pool, 'tgt', now)).toBeNull();
    await db.pool.query('CREATE SCHEMA tgt');
    for (const statement of storeTargetsDdl('tgt')) await db.pool.query(statement);
    // Still remembered as missing until the recheck is due.
    expect(await storeTargetsGeneration(db.pool, 'tgt', now)).toBeNull();
    clock += ABSENT_RECHECK_MS + 1;
    expect(await storeTargetsGeneration(db.pool, 'tgt', now)).toBe('0');

    await load([
      { storeId: 's1', month: '2025-02', measure: 'repairVehicles', target: 56 },
      { storeId: 's1', month: '2025-02', measure: 'renewalPremium', target: 2_800_000 },
      { storeId: 's2', month: '2025-02', measure: 'repairVehicles', target: 28 },
    ]);
    expect(await storeTargetsGeneration(db.pool, 'tgt', now)).toBe('1');

    // February 2025 has 28 days: the first week of the month (1..2 Feb fall in the week of 27 Jan) and the month.
    const range = { storeIds: ['s1', 's2'], from: '2025-02-01', to: '2025-02-28', granularity: 'MONTH' as const };
    expect(await sumStoreTargets(db.pool, 'tgt', [], range, ['repairVehicles', 'renewalPremium'])).toEqual([
      { period: '2025-02-01', dims: {}, sums: { repairVehicles: 84, renewalPremium: 2_800_000 } },
    ]);
    const weeks = await sumStoreTargets(db.pool, 'tgt', ['store'], { ...range, to: '2025-02-09', granularity: 'WEEK' }, ['repairVehicles']);
    expect(weeks.sort((a, b) => a.period.localeCompare(b.period) || a.dims.store!.localeCompare(b.dims.store!))).toEqual([
      { period: '2025-01-27', dims: { store: 's1' }, sums: { repairVehicles: 4 } },
      { period: '2025-01-27', dims: { store: 's2' }, sums: { repairVehicles: 2 } },
      { period: '2025-02-03', dims: { store: 's1' }, sums: { repairVehicles: 14 } },
      { period: '2025-02-03', dims: { store: 's2' }, sums: { repairVehicles: 7 } },
    ]);
    await expect(sumStoreTargets(db.pool, 'tgt', ['brand'], range, ['repairVehicles'])).rejects.toThrow(RangeError);

    // A reload of (s1, February) states it in full: renewalPremium is gone, s2 untouched.
    await load([{ storeId: 's1', month: '2025-02', measure: 'repairVehicles', target: 28 }]);
    expect(await storeTargetsGeneration(db.pool, 'tgt', now)).toBe('2');
    const { rows } = await db.pool.query('SELECT store_id, measure, target::int AS target FROM tgt.store_targets ORDER BY 1, 2');
    expect(rows).toEqual([
      { store_id: 's1', measure: 'repairVehicles', target: 28 },
      { store_id: 's2', measure: 'repairVehicles', target: 28 },
    ]);

    // Dropped (an old schema after a rebuild): none again.
    await db.pool.query('DROP SCHEMA tgt CASCADE');
    expect(await storeTargetsGeneration(db.pool, 'tgt', now)).toBeNull();
  });
});
