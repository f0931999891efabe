import { ConfigError } from '@rooftop/platform';
import { sharedTestCommandIssuer } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { loadPartsConfig, partsSettingsOf } from './config.js';
import { DEFAULT_PARTS_SETTINGS } from './domain/settings.js';

// Every store service must be told whose command assertions it trusts (ADR 0020).
const env = { GROUP_ID: 'g1', STORE_ID: 's1', COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv };

describe('parts config', () => {
  it('defaults every setting to the documented values', () => {
    expect(partsSettingsOf(loadPartsConfig(env))).toEqual(DEFAULT_PARTS_SETTINGS);
  });

  it('reads the sister stores and the discount authority', () => {
    expect(partsSettingsOf(loadPartsConfig({ ...env, PARTS_GROUP_STORES: 's1, s2 ,s3', PARTS_ACCESSORY_DISCOUNT_AUTHORITY_BPS: '500' }))).toEqual({
      accessoryDiscountAuthorityBps: 500,
      groupStores: ['s1', 's2', 's3'],
    });
  });

  it('refuses a store id that is no subject token and an authority above 100 % with a typed error', () => {
    expect(() => loadPartsConfig({ ...env, PARTS_GROUP_STORES: 's1,s 2' })).toThrow(ConfigError);
    expect(() => loadPartsConfig({ ...env, PARTS_ACCESSORY_DISCOUNT_AUTHORITY_BPS: '10001' })).toThrow(ConfigError);
  });
});
