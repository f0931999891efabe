import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { clerk, command, settings, system, VIN } from '../../../test/builders.js';
import { followUpDecider, type FollowUpEvent } from './follow-up.decider.js';

const spec = deciderSpec(followUpDecider(settings));
const dims = { repairOrderId: 'ro-1', brand: '长安', roType: 'repair' as const, serviceAdvisorId: 'sa-1' };
const openCmd = (releasedAt: string) => command('OpenFollowUp', { ...dims, vin: VIN, customerId: 'cust-1', releasedAt }, { actor: system });
const opened = (releasedOn: string, firstCallDueOn: string): FollowUpEvent => ({
  type: 'FollowUpOpened',
  data: { ...dims, vin: VIN, customerId: 'cust-1', releasedOn, firstCallDueOn },
});
const o = opened('2026-03-02', '2026-03-05');
const check = (call: 'first' | 'second', kind: 'due' | 'deadline' | 'escalation') =>
  command('CheckFollowUpDue', { repairOrderId: 'ro-1', call, check: kind }, { actor: system });
const call = (now: string, satisfaction = 5, issues: string[] = [], issueResolvedOnCall = false) =>
  command('RecordFollowUpCall', { repairOrderId: 'ro-1', satisfaction, issues, issueResolvedOnCall }, { actor: clerk, now });
const completed = (
  c: 'first' | 'second',
  calledAt: string,
  calledOn: string,
  onTime: boolean,
  satisfaction = 5,
  issues: string[] = [],
  issueOpen = false,
): FollowUpEvent => ({
  type: 'FollowUpCallCompleted',
  data: { ...dims, call: c, clerkId: 'clerk-1', calledOn, calledAt, onTime, satisfaction, satisfied: satisfaction >= 4, issues, issueOpen },
});
const first = completed('first', '2026-03-04T10:00:00+08:00', '2026-03-04', true);

describe('follow-up decider: due dates on the store calendar', () => {
  it('puts the first call 3 working days after release (Mon → Thu)', () => {
    spec.given([]).when(openCmd('2026-03-02T15:00:00+08:00')).thenEvents([o]);
  });

  it('skips the weekend (Thu → Tue) and dates the release in the store time zone (23:30 UTC Sun → Mon)', () => {
    spec
      .given([])
      .when(openCmd('2026-03-05T15:00:00+08:00'))
      .thenEvents([opened('2026-03-05', '2026-03-10')]);
    spec
      .given([])
      .when(openCmd('2026-03-01T23:30:00Z'))
      .thenEvents([opened('2026-03-02', '2026-03-05')]);
  });

  it('crosses a month boundary and skips holidays, counting make-up days', () => {
    spec
      .given([])
      .when(openCmd('2026-03-30T18:00:00+08:00'))
      .thenEvents([opened('2026-03-30', '2026-04-02')]);
    spec
      .given([])
      .when(openCmd('2026-04-29T18:00:00+08:00'))
      .thenEvents([opened('2026-04-29', '2026-05-07')]);
    // Thu 7 May → Fri 8, make-up Sat 9, Mon 11.
    spec
      .given([])
      .when(openCmd('2026-05-07T18:00:00+08:00'))
      .thenEvents([opened('2026-05-07', '2026-05-11')]);
  });

  it('opens once: a repeated open changes nothing', () => {
    spec.given([o]).when(openCmd('2026-03-02T15:00:00+08:00')).thenEvents([]);
  });
});

describe('follow-up decider: calls and timers', () => {
  it('lists the first call when due and marks it overdue after its last day, once each', () => {
    const due: FollowUpEvent = { type: 'FollowUpDue', data: { ...dims, call: 'first', dueOn: '2026-03-05', lastDayOn: '2026-03-05' } };
    const overdue: FollowUpEvent = { type: 'FollowUpOverdue', data: { ...dims, call: 'first', dueOn: '2026-03-05', lastDayOn: '2026-03-05' } };
    spec.given([o]).when(check('first', 'due')).thenEvents([due]);
    spec.given([o, due]).when(check('first', 'due')).thenEvents([]);
    spec.given([o, due]).when(check('first', 'deadline')).thenEvents([overdue]);
    spec.given([o, due, overdue]).when(check('first', 'deadline')).thenEvents([]);
  });

  it('records the first call on time by the due day and late after it; no overdue once called', () => {
    spec.given([o]).when(call('2026-03-04T10:00:00+08:00')).thenEvents([first]);
    spec
      .given([o])
      .when(call('2026-03-06T10:00:00+08:00', 3))
      .thenEvents([completed('first', '2026-03-06T10:00:00+08:00', '2026-03-06', false, 3)]);
    spec.given([o, first]).when(check('first', 'deadline')).thenEvents([]);
    spec.given([o, first]).when(check('first', 'due')).thenEvents([]);
  });

  it('opens the second call window a week after the first call, for a week', () => {
    const due: FollowUpEvent = { type: 'FollowUpDue', data: { ...dims, call: 'second', dueOn: '2026-03-11', lastDayOn: '2026-03-17' } };
    spec.given([o]).when(check('second', 'due')).thenEvents([]);
    spec.given([o, first]).when(check('second', 'due')).thenEvents([due]);
    spec.given([o, first]).when(call('2026-03-10T10:00:00+08:00')).thenError('SECOND_CALL_WINDOW_NOT_OPEN');
    spec
      .given([o, first])
      .when(call('2026-03-17T20:00:00+08:00', 4))
      .thenEvents([completed('second', '2026-03-17T20:00:00+08:00', '2026-03-17', true, 4)]);
    spec
      .given([o, first])
      .when(call('2026-03-18T09:00:00+08:00', 4))
      .thenEvents([completed('second', '2026-03-18T09:00:00+08:00', '2026-03-18', false, 4)]);
    spec
      .given([o, first])
      .when(check('second', 'deadline'))
      .thenEvents([{ type: 'FollowUpOverdue', data: { ...dims, call: 'second', dueOn: '2026-03-11', lastDayOn: '2026-03-17' } }]);
    const second = completed('second', '2026-03-12T10:00:00+08:00', '2026-03-12', true);
    spec.given([o, first, second]).when(call('2026-03-20T10:00:00+08:00')).thenError('FOLLOW_UP_COMPLETE');
  });

  it('escalates an unresolved issue once, and not one settled on the call or resolved since', () => {
    const withIssue = completed('first', '2026-03-04T10:00:00+08:00', '2026-03-04', true, 2, ['Noise from the brakes'], true);
    spec
      .given([o])
      .when(call('2026-03-04T10:00:00+08:00', 2, ['Noise from the brakes']))
      .thenEvents([withIssue]);
    const escalated: FollowUpEvent = {
      type: 'FollowUpEscalated',
      data: { ...dims, call: 'first', raisedAt: '2026-03-04T10:00:00+08:00', issues: ['Noise from the brakes'] },
    };
    spec.given([o, withIssue]).when(check('first', 'escalation')).thenEvents([escalated]);
    spec.given([o, withIssue, escalated]).when(check('first', 'escalation')).thenEvents([]);
    const resolved: FollowUpEvent = { type: 'FollowUpIssueResolved', data: { repairOrderId: 'ro-1', resolvedBy: 'clerk-1', resolution: 'Pads re-seated' } };
    spec
      .given([o, withIssue])
      .when(command('ResolveFollowUpIssue', { repairOrderId: 'ro-1', resolution: 'Pads re-seated' }, { actor: clerk }))
      .thenEvents([resolved]);
    spec.given([o, withIssue, resolved]).when(check('first', 'escalation')).thenEvents([]);
    spec
      .given([o])
      .when(call('2026-03-04T10:00:00+08:00', 4, ['Late'], true))
      .thenEvents([completed('first', '2026-03-04T10:00:00+08:00', '2026-03-04', true, 4, ['Late'], false)]);
  });

  it('refuses calls for an unknown RO, bad scores, and resolving when nothing is open', () => {
    spec.given([]).when(call('2026-03-04T10:00:00+08:00')).thenError('FOLLOW_UP_NOT_FOUND', 'NOT_FOUND');
    spec.given([o]).when(call('2026-03-04T10:00:00+08:00', 6)).thenError('SATISFACTION_OUT_OF_RANGE', 'VALIDATION_FAILED');
    spec
      .given([o])
      .when(command('ResolveFollowUpIssue', { repairOrderId: 'ro-1', resolution: 'x' }))
      .thenError('NO_OPEN_ISSUE');
  });
});
