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
