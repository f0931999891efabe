import { ConfigError } from '@rooftop/platform';
import { describe, expect, it } from 'vitest';
import { loadWorkshopConfig, workshopSettingsOf } from './config.js';
import { DEFAULT_WORKSHOP_SETTINGS } from './domain/settings.js';

const env = { GROUP_ID: 'g1', STORE_ID: 's1' };

describe('workshop config', () => {
  it('defaults every setting to the documented values', () => {
    expect(workshopSettingsOf(loadWorkshopConfig(env))).toEqual(DEFAULT_WORKSHOP_SETTINGS);
  });

  it('reads a store calendar and overrides', () => {
    const settings = workshopSettingsOf(
      loadWorkshopConfig({ ...env, STORE_TIME_ZONE: 'Asia/Urumqi', WORKSHOP_HOLIDAYS: '2026-10-01, 2026-10-02', WORKSHOP_MAKE_UP_WORKING_DAYS: '2026-09-27', WORKSHOP_FIRST_CALL_WORKING_DAYS: '2' }),
    );
    expect(settings).toMatchObject({ timeZone: 'Asia/Urumqi', holidays: ['2026-10-01', '2026-10-02'], makeUpWorkingDays: ['2026-09-27'], followUp: { firstCallAfterWorkingDays: 2 } });
  });

  it('refuses a malformed holiday or a zero-day rule with a typed error', () => {
    expect(() => loadWorkshopConfig({ ...env, WORKSHOP_HOLIDAYS: '2026-13-01' })).toThrow(ConfigError);
    expect(() => loadWorkshopConfig({ ...env, WORKSHOP_FIRST_CALL_WORKING_DAYS: '0' })).toThrow(ConfigError);
  });
});
