import { ConfigError } from '@rooftop/platform';
import { sharedTestCommandIssuer } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { insuranceSettingsOf, loadInsuranceConfig } from './config.js';
import { DEFAULT_INSURANCE_SETTINGS } from './domain/settings.js';

// Every store service must be told whose command assertions it trusts (ADR 0020).
const env = { GROUP_ID: 'g1', STORE_ID: 's1', COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv };

describe('insurance config', () => {
  it('defaults the lead window to 60 days and reads overrides', () => {
    expect(insuranceSettingsOf(loadInsuranceConfig(env))).toEqual(DEFAULT_INSURANCE_SETTINGS);
    expect(insuranceSettingsOf(loadInsuranceConfig({ ...env, INSURANCE_RENEWAL_LEAD_DAYS: '45', STORE_TIME_ZONE: 'Asia/Urumqi' }))).toMatchObject({
      renewalLeadDays: 45,
      timeZone: 'Asia/Urumqi',
    });
  });

  it('refuses a zero or over-a-year lead window with a typed error', () => {
    expect(() => loadInsuranceConfig({ ...env, INSURANCE_RENEWAL_LEAD_DAYS: '0' })).toThrow(ConfigError);
    expect(() => loadInsuranceConfig({ ...env, INSURANCE_RENEWAL_LEAD_DAYS: '400' })).toThrow(ConfigError);
  });
});
