import { event, workshop as w } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { addDays, addWorkingDays, localDate } from '../calendar/store-calendar.js';
import { type WorkshopSettings } from '../settings.js';
import { type CallName, type FollowUp, type FollowUpCommand, type FollowUpEvent, type OpenFollowUpState } from './follow-up.state.js';

type Cmd<T extends FollowUpCommand['type']> = Extract<FollowUpCommand, { type: T }>;

/** The window of a call: first = on or before the due working day; second = a week after the first call, for a week. */
export const callWindow = (state: OpenFollowUpState, call: CallName, settings: WorkshopSettings): { dueOn: string; lastDayOn: string } | undefined => {
  if (call === 'first') return { dueOn: state.firstCallDueOn, lastDayOn: state.firstCallDueOn };
  const first = state.called.first;
  if (first === undefined) return undefined;
  const dueOn = addDays(first, settings.followUp.secondCallAfterDays);
  return { dueOn, lastDayOn: addDays(dueOn, settings.followUp.secondCallWindowDays - 1) };
};

const dimsOf = (s: OpenFollowUpState) => ({ repairOrderId: s.repairOrderId, brand: s.brand, roType: s.roType, serviceAdvisorId: s.serviceAdvisorId });

const recordCall = (command: Cmd<'RecordFollowUpCall'>, state: OpenFollowUpState, settings: WorkshopSettings): FollowUpEvent[] | DomainError => {
  const calledOn = localDate(command.metadata.now, settings.timeZone);
  const call: CallName | undefined = state.called.first === undefined ? 'first' : state.called.second === undefined ? 'second' : undefined;
  if (call === undefined) return invalidTransition('FOLLOW_UP_COMPLETE', `both follow-up calls of ${state.repairOrderId} are recorded`);
  const { satisfaction, issues, issueResolvedOnCall } = command.data;
  if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
    return new DomainError('SATISFACTION_OUT_OF_RANGE', 'satisfaction is a whole score from 1 to 5', { satisfaction }, 'VALIDATION_FAILED');
  }
  const window = callWindow(state, call, settings)!;
  if (call === 'second' && calledOn < window.dueOn) {
    return new DomainError('SECOND_CALL_WINDOW_NOT_OPEN', `the second call window opens on ${window.dueOn}`, { dueOn: window.dueOn });
  }
  return [
    event(w.FollowUpCallCompleted, {
      ...dimsOf(state),
      call,
      clerkId: command.actor.id,
      calledOn,
      calledAt: command.metadata.now,
      onTime: calledOn <= window.lastDayOn,
      satisfaction,
      satisfied: satisfaction >= settings.followUp.satisfiedFrom,
      issues,
      issueOpen: (issues.length > 0 && !issueResolvedOnCall) || state.openIssue !== undefined,
    }),
  ];
};

const check = (command: Cmd<'CheckFollowUpDue'>, state: OpenFollowUpState, settings: WorkshopSettings): FollowUpEvent[] => {
  const { call } = command.data;
  if (command.data.check === 'escalation') {
    const issue = state.openIssue;
    if (!issue || issue.escalated || issue.call !== call) return [];
    return [event(w.FollowUpEscalated, { ...dimsOf(state), call, raisedAt: issue.raisedAt, issues: [...issue.issues] })];
  }
  const window = callWindow(state, call, settings);
  // Already called, not yet callable (no first call, no second window) or already reported: nothing to do.
  if (!window || state.called[call] !== undefined) return [];
  if (command.data.check === 'due') return state.listed.includes(call) ? [] : [event(w.FollowUpDue, { ...dimsOf(state), call, ...window })];
  return state.overdue.includes(call) ? [] : [event(w.FollowUpOverdue, { ...dimsOf(state), call, ...window })];
};

export const decideFollowUp =
  (settings: WorkshopSettings) =>
  (command: FollowUpCommand, state: FollowUp): FollowUpEvent[] | DomainError => {
    if (command.type === 'OpenFollowUp') {
      if (state.status !== 'none') return [];
      const { releasedAt, ...data } = command.data;
      const releasedOn = localDate(releasedAt, settings.timeZone);
      const firstCallDueOn = addWorkingDays(releasedOn, settings.followUp.firstCallAfterWorkingDays, settings);
      return [event(w.FollowUpOpened, { ...data, releasedOn, firstCallDueOn })];
    }
    if (state.status === 'none') return notFound('FOLLOW_UP_NOT_FOUND', `no follow-up for repair order ${command.data.repairOrderId}`);
    switch (command.type) {
      case 'RecordFollowUpCall':
        return recordCall(command, state, settings);
      case 'ResolveFollowUpIssue':
        if (!state.openIssue) return invalidTransition('NO_OPEN_ISSUE', `repair order ${state.repairOrderId} has no open follow-up issue`);
        return [event(w.FollowUpIssueResolved, { repairOrderId: state.repairOrderId, resolvedBy: command.actor.id, resolution: command.data.resolution })];
      case 'CheckFollowUpDue':
        return check(command, state, settings);
      default:
        return unreachable(command);
    }
  };
