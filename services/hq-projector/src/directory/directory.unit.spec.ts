import { type RooftopError } from '@rooftop/eventsourcing';
import { ConfigError } from '@rooftop/platform';
import { describe, expect, it } from 'vitest';
import { loadHqConfig } from '../config.js';
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
