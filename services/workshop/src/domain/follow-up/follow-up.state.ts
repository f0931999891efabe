import { type workshop as w } from '@rooftop/contracts';
import { type CommandOf, type EventOf } from '../messages.js';

export type FollowUpEvent =
  | EventOf<typeof w.FollowUpOpened>
  | EventOf<typeof w.FollowUpDue>
  | EventOf<typeof w.FollowUpCallCompleted>
  | EventOf<typeof w.FollowUpIssueResolved>
  | EventOf<typeof w.FollowUpEscalated>
  | EventOf<typeof w.FollowUpOverdue>;

export type FollowUpCommand =
  | CommandOf<typeof w.OpenFollowUp>
  | CommandOf<typeof w.CheckFollowUpDue>
  | CommandOf<typeof w.RecordFollowUpCall>
  | CommandOf<typeof w.ResolveFollowUpIssue>;

export type CallName = 'first' | 'second';

type Opened = EventOf<typeof w.FollowUpOpened>['data'];

export interface OpenFollowUpState extends Opened {
  readonly status: 'open';
  readonly called: Readonly<Partial<Record<CallName, string>>>;
  readonly listed: readonly CallName[];
  readonly overdue: readonly CallName[];
  readonly openIssue: { readonly call: CallName; readonly raisedAt: string; readonly issues: readonly string[]; readonly escalated: boolean } | undefined;
}

export type FollowUp = { readonly status: 'none' } | OpenFollowUpState;

export const initialFollowUp = (): FollowUp => ({ status: 'none' });

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
  }
};
