import { unreachable } from '@rooftop/eventsourcing';
import { type FollowUp, type FollowUpEvent } from './follow-up.state.js';

export const evolveFollowUp = (state: FollowUp, event: FollowUpEvent): FollowUp => {
  if (event.type === 'FollowUpOpened') return { ...event.data, status: 'open', called: {}, listed: [], overdue: [], openIssue: undefined };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'FollowUpDue':
      return { ...state, listed: [...state.listed, event.data.call] };
    case 'FollowUpOverdue':
      return { ...state, overdue: [...state.overdue, event.data.call] };
    case 'FollowUpCallCompleted': {
      const { call, calledOn, calledAt, issueOpen, issues } = event.data;
      const raised = issueOpen && issues.length > 0;
      return {
        ...state,
        called: { ...state.called, [call]: calledOn },
        openIssue: raised ? { call, raisedAt: calledAt, issues, escalated: false } : state.openIssue,
      };
    }
    case 'FollowUpIssueResolved':
      return { ...state, openIssue: undefined };
    case 'FollowUpEscalated':
      return state.openIssue ? { ...state, openIssue: { ...state.openIssue, escalated: true } } : state;
    default:
      return unreachable(event);
  }
};
