import { type TimedEvent, type TimerSpec } from '@rooftop/eventsourcing';
import { addDays, zonedInstant } from './calendar.js';
import { type PolicyEvent } from './policy/policy.state.js';
import { type InsuranceSettings } from './settings.js';

/**
 * A term in force (new policy or renewal) opens its renewal opportunity `renewalLeadDays` before its last day,
 * at the store's opening hour; a term sold already inside the window opens at once.
 */
export const timersFor = (e: TimedEvent, settings: InsuranceSettings): TimerSpec[] => {
  if (e.type !== 'NewPolicySold' && e.type !== 'PolicyRenewed') return [];
  const { policyId, term, endsOn } = (e as PolicyEvent & { type: 'NewPolicySold' | 'PolicyRenewed' }).data;
  const opensAt = zonedInstant(addDays(endsOn, -settings.renewalLeadDays), settings.timeZone, settings.openAtHour);
  const now = new Date(e.occurredAt);
  return [{ key: `renewal-open:${policyId}:${term}`, dueAt: opensAt < now ? now : opensAt, type: 'OpenRenewalOpportunity', data: { policyId, term } }];
};
