import { describe, expect, it } from 'vitest';
import { addDays, localDate, zonedInstant } from './calendar.js';
import { DEFAULT_INSURANCE_SETTINGS } from './settings.js';
import { timersFor } from './timers.js';

const sold = (endsOn: string, occurredAt: string, type = 'NewPolicySold', term = 1) => ({ type, data: { policyId: 'p-1', term, endsOn }, occurredAt });

describe('renewal timers', () => {
  it('open the renewal the lead window (default 60 days) before the last day of cover, at 09:00 store time', () => {
    expect(timersFor(sold('2027-03-01', '2026-03-02T10:00:00+08:00'), DEFAULT_INSURANCE_SETTINGS)).toEqual([
      { key: 'renewal-open:p-1:1', dueAt: new Date('2026-12-31T01:00:00Z'), type: 'OpenRenewalOpportunity', data: { policyId: 'p-1', term: 1 } },
    ]);
    const lead30 = { ...DEFAULT_INSURANCE_SETTINGS, renewalLeadDays: 30 };
    expect(timersFor(sold('2028-03-01', '2027-01-05T10:00:00+08:00', 'PolicyRenewed', 2), lead30)[0]).toMatchObject({
      key: 'renewal-open:p-1:2',
      dueAt: new Date('2028-01-31T01:00:00Z'),
    });
  });

  it('open at once for a term sold inside the window, and start nothing for other events', () => {
    expect(timersFor(sold('2026-04-01', '2026-03-02T10:00:00+08:00'), DEFAULT_INSURANCE_SETTINGS)[0]!.dueAt).toEqual(new Date('2026-03-02T02:00:00Z'));
    expect(timersFor({ type: 'RenewalLost', data: {}, occurredAt: '2026-03-02T10:00:00+08:00' }, DEFAULT_INSURANCE_SETTINGS)).toEqual([]);
  });

  it('compute business dates in the store zone', () => {
    expect(localDate('2026-03-01T17:30:00Z', 'Asia/Shanghai')).toBe('2026-03-02');
    expect(addDays('2027-03-01', -60)).toBe('2026-12-31');
    expect(zonedInstant('2026-03-02', 'Asia/Shanghai', 9)).toEqual(new Date('2026-03-02T01:00:00Z'));
  });
});
