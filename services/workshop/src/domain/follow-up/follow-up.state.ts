import { type CommandUnion, type EventOf, type EventUnion, type workshop as w } from '@rooftop/contracts';

export type FollowUpEvent = EventUnion<typeof w.followUpEvents>;

export type FollowUpCommand = CommandUnion<typeof w.followUpCommands>;

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
