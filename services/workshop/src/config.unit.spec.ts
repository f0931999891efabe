import { ConfigError } from '@rooftop/platform';
import { sharedTestCommandIssuer } from '@rooftop/testkit';
import { describe, expect, it } from 'vitest';
import { loadWorkshopConfig, workshopSettingsOf } from './config.js';
import { DEFAULT_WORKSHOP_SETTINGS } from './domain/settings.js';

// Every store service must be told whose command assertions it trusts (ADR 0020).
const env = { GROUP_ID: 'g1', STORE_ID: 's1', COMMAND_ISSUER_KEYS: sharedTestCommandIssuer().issuerKeysEnv };

describe('workshop config', () => {
  it('defaults every setting to the documented values', () => {
    expect(workshopSettingsOf(loadWorkshopConfig(env))).toEqual(DEFAULT_WORKSHOP_SETTINGS);
  });

  it("builds in the mainland China holidays and make-up days, and adds the store's own", () => {
    const builtIn = workshopSettingsOf(loadWorkshopConfig(env));
    expect(builtIn.holidays).toEqual(expect.arrayContaining(['2026-02-15', '2026-10-07']));
    expect(builtIn.makeUpWorkingDays).toEqual(expect.arrayContaining(['2026-02-14', '2026-09-20']));
    const settings = workshopSettingsOf(loadWorkshopConfig({ ...env, WORKSHOP_HOLIDAYS: '2026-07-01', WORKSHOP_MAKE_UP_WORKING_DAYS: '2026-10-07' }));
    expect(settings.holidays).toEqual(expect.arrayContaining(['2026-07-01', '2026-10-01']));
    expect(settings.makeUpWorkingDays).toEqual(expect.arrayContaining(['2026-10-07', '2026-09-20']));
  });

  it('reads a store calendar without the built-in days, and overrides', () => {
    const settings = workshopSettingsOf(
      loadWorkshopConfig({
        ...env,
        STORE_TIME_ZONE: 'Asia/Urumqi',
        WORKSHOP_HOLIDAY_CALENDAR: 'none',
        WORKSHOP_HOLIDAYS: '2026-10-01, 2026-10-02',
        WORKSHOP_MAKE_UP_WORKING_DAYS: '2026-09-20',
        WORKSHOP_FIRST_CALL_WORKING_DAYS: '2',
      }),
    );
    expect(settings).toMatchObject({
      timeZone: 'Asia/Urumqi',
      holidays: ['2026-10-01', '2026-10-02'],
      makeUpWorkingDays: ['2026-09-20'],
      followUp: { firstCallAfterWorkingDays: 2 },
    });
  });

  it('refuses a malformed holiday or a zero-day rule with a typed error', () => {
    expect(() => loadWorkshopConfig({ ...env, WORKSHOP_HOLIDAYS: '2026-13-01' })).toThrow(ConfigError);
    expect(() => loadWorkshopConfig({ ...env, WORKSHOP_HOLIDAY_CALENDAR: 'atlantis' })).toThrow(ConfigError);
    expect(() => loadWorkshopConfig({ ...env, WORKSHOP_FIRST_CALL_WORKING_DAYS: '0' })).toThrow(ConfigError);
  });
});
