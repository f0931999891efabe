import { type CommandUnion, event, type EventUnion, workshop as w } from '@rooftop/contracts';
import { type Decider, DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';

// Complaints (投诉): received → resolved; a major complaint is escalated before it may be resolved.

export type ComplaintEvent = EventUnion<typeof w.complaintEvents>;
export type ComplaintCommand = CommandUnion<typeof w.complaintCommands>;

export type Complaint =
  | { readonly status: 'none' }
  | { readonly status: 'received' | 'resolved'; readonly severity: 'normal' | 'major'; readonly escalated: boolean; readonly receivedAt: string };

const decide = (command: ComplaintCommand, state: Complaint): ComplaintEvent[] | DomainError => {
  if (command.type === 'ReceiveComplaint') {
    if (state.status !== 'none') return invalidTransition('COMPLAINT_EXISTS', `complaint ${command.data.complaintId} already exists`);
    return [event(w.ComplaintReceived, { ...command.data, receivedBy: command.actor.id, receivedAt: command.metadata.now })];
  }
  if (state.status === 'none') return notFound('COMPLAINT_NOT_FOUND', `no complaint ${command.data.complaintId}`);
  if (state.status === 'resolved') return invalidTransition('COMPLAINT_ALREADY_RESOLVED', `complaint ${command.data.complaintId} is resolved`);
  if (command.type === 'EscalateComplaint') {
    if (state.escalated) return invalidTransition('COMPLAINT_ALREADY_ESCALATED', `complaint ${command.data.complaintId} was already escalated`);
    return [event(w.ComplaintEscalated, command.data)];
  }
  if (state.severity === 'major' && !state.escalated) {
    return new DomainError('MAJOR_COMPLAINT_NOT_ESCALATED', 'a major complaint is escalated to a manager before it is resolved');
  }
  const { complaintId, resolution, customerSatisfied } = command.data;
  return [
    event(w.ComplaintResolved, {
      complaintId,
      severity: state.severity,
      resolution,
      customerSatisfied,
      resolvedBy: command.actor.id,
      receivedAt: state.receivedAt,
    }),
  ];
};

const evolve = (state: Complaint, e: ComplaintEvent): Complaint => {
  switch (e.type) {
    case 'ComplaintReceived':
      return { status: 'received', severity: e.data.severity, escalated: false, receivedAt: e.data.receivedAt };
    case 'ComplaintEscalated':
      return state.status === 'none' ? state : { ...state, escalated: true };
    case 'ComplaintResolved':
      return state.status === 'none' ? state : { ...state, status: 'resolved' };
    default:
      return unreachable(e);
  }
};

export const complaintDecider: Decider<ComplaintCommand, Complaint, ComplaintEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
