import { ConfigError } from '@rooftop/platform';
import { sharedTestCommandIssuer } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { commissionSettingsOf, hrSettingsOf, loadHrConfig } from './config.js';

// Every store service must be told whose command assertions it trusts (ADR 0020).
const env = { GROUP_ID: 'g-1', STORE_ID: 'store-1', COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv };

describe('hr config', () => {
  it('defaults to the documents: onboarding within a month, the 2013 scheme, consultants and assistants', () => {
    const config = loadHrConfig(env);
    expect(hrSettingsOf(config)).toEqual({ timeZone: 'Asia/Shanghai', onboardingWithinMonths: 1 });
    expect(commissionSettingsOf(config)).toEqual({
      schemeId: '2013-05',
      modelClasses: {},
      defaultClass: 'sedan',
      positions: { 'sales-consultant': 'consultant', 'sales-assistant': 'assistant' },
    });
  });

  it('reads model classes and positions as pairs and names bad values', () => {
    const config = loadHrConfig({ ...env, HR_COMMISSION_MODEL_CLASSES: 'T33两厢=hatchback, T61=sedan', HR_COMMISSION_POSITIONS: 'consultant=consultant' });
    expect(commissionSettingsOf(config)).toMatchObject({ modelClasses: { T33两厢: 'hatchback', T61: 'sedan' }, positions: { consultant: 'consultant' } });
    expect(() => loadHrConfig({ ...env, HR_COMMISSION_MODEL_CLASSES: 'T61=suv' })).toThrow(ConfigError);
    expect(() => loadHrConfig({ ...env, HR_COMMISSION_SCHEME: '2099' })).toThrow(ConfigError);
  });
});
