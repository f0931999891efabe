import { event, sales } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { ownershipAfterVisit } from '../ownership/ownership.rules.js';
import { type SalesSettings } from '../settings.js';
import { isManager } from '../shared/roles.js';
import { businessDateOf } from '../shared/time.js';
import { type AssignLead, type LeadCommand, type LeadEvent, type RecordShowroomVisit } from './lead.messages.js';
import { type KnownLead, type Lead } from './lead.state.js';

type Decision = readonly LeadEvent[] | DomainError;

/** The lead must exist and be open; a lost lead takes no more work (战败 is final). */
const openLead = (state: Lead, leadId: string): KnownLead | DomainError => {
  if (state.status === 'none') return notFound('LEAD_NOT_FOUND', `lead ${leadId} does not exist`, { leadId });
  if (state.status === 'lost') return invalidTransition('LEAD_LOST', `lead ${leadId} was lost`, { leadId });
  return state;
};

const assign = (command: AssignLead, lead: KnownLead): Decision => {
  const { assigneeId, assigneeRole } = command.data;
  const now = command.metadata.now;
  if (lead.assignee?.id === assigneeId && lead.assignee.role === assigneeRole) return [];
  // Every online lead goes to an inbound/outbound call specialist first (网销专员 duty 9, "100% handover").
  if (lead.channel === 'online' && lead.assignee === undefined && assigneeRole !== 'call_specialist') {
    return new DomainError('ONLINE_LEAD_TO_CALL_SPECIALIST_FIRST', 'an online lead is first handed to a call specialist', { leadId: lead.leadId });
  }
  if (lead.keyAccount && assigneeRole !== 'key_account') {
    return new DomainError('KEY_ACCOUNT_LEAD_STAYS_WITH_KEY_ACCOUNT', 'a key-account customer belongs to key-account staff', { leadId: lead.leadId });
  }
  const assigned = event(sales.LeadAssigned, {
    leadId: lead.leadId,
    assigneeId,
    assigneeRole,
    ...(lead.assignee ? { previousAssigneeId: lead.assignee.id } : {}),
    assignedAt: now,
  });
  const owningRole = assigneeRole === 'consultant' || assigneeRole === 'key_account';
  if (!owningRole || lead.owner === undefined || lead.owner === assigneeId) return [assigned];
  const transfer = (rule: 'key_account' | 'manager_ruling', decidedBy?: string) =>
    event(sales.OwnershipTransferred, {
      customerId: lead.customerId,
      leadId: lead.leadId,
      fromOwnerId: lead.owner!,
      toOwnerId: assigneeId,
      rule,
      ...(decidedBy ? { decidedBy } : {}),
      transferredAt: now,
    });
  // A company customer taken over by key-account staff follows the key-account rule (docs/domain/sales.md, ownership rule 5).
  if (assigneeRole === 'key_account' && !lead.keyAccount) return [assigned, transfer('key_account')];
  if (!isManager(command.actor)) {
    return new DomainError(
      'OWNERSHIP_CHANGE_NEEDS_MANAGER',
      `only a sales manager may move customer ${lead.customerId} to another consultant`,
      { leadId: lead.leadId },
      'FORBIDDEN',
    );
  }
  return [assigned, transfer('manager_ruling', command.actor.id)];
};

const visit = (command: RecordShowroomVisit, lead: KnownLead, settings: SalesSettings): Decision => {
  const d = command.data;
  const now = command.metadata.now;
  const recorded = event(sales.ShowroomVisitRecorded, {
    leadId: lead.leadId,
    customerId: lead.customerId,
    consultantId: d.consultantId,
    visitKind: lead.visits === 0 ? 'first' : 'return',
    partySize: d.partySize,
    byAppointment: d.byAppointment,
    ...(d.askedForConsultantId !== undefined ? { askedForConsultantId: d.askedForConsultantId } : {}),
    visitedAt: now,
  });
  const outcome = ownershipAfterVisit(
    lead,
    {
      receivingConsultantId: d.consultantId,
      visitedAt: now,
      ...(d.askedForConsultantId !== undefined ? { askedForConsultantId: d.askedForConsultantId } : {}),
    },
    settings.ownershipLapseDays,
  );
  if (outcome.kind !== 'transfer') return [recorded];
  return [
    recorded,
    event(sales.OwnershipTransferred, {
      customerId: lead.customerId,
      leadId: lead.leadId,
      fromOwnerId: outcome.from,
      toOwnerId: outcome.to,
      rule: outcome.rule,
      transferredAt: now,
    }),
  ];
};

export const decideLead =
  (settings: SalesSettings) =>
  (command: LeadCommand, state: Lead): Decision => {
    if (command.type === 'CaptureLead') {
      const d = command.data;
      if (state.status !== 'none') return invalidTransition('LEAD_ALREADY_EXISTS', `lead ${d.leadId} already exists`, { leadId: d.leadId });
      if (d.channel === 'walk_in' && d.consultantId === undefined) {
        return new DomainError('WALK_IN_NEEDS_CONSULTANT', 'a walk-in customer is received by a consultant; name them', { leadId: d.leadId });
      }
      return [event(sales.LeadCaptured, { ...d, capturedAt: command.metadata.now })];
    }
    const lead = openLead(state, command.data.leadId);
    if (lead instanceof DomainError) return lead;
    switch (command.type) {
      case 'AssignLead':
        return assign(command, lead);
      case 'RecordContact':
        return [event(sales.LeadContacted, { ...command.data, contactedBy: command.actor.id, contactedAt: command.metadata.now })];
      case 'RecordShowroomVisit':
        return visit(command, lead, settings);
      case 'CompleteTestDrive':
        // A test drive starts from the showroom; without a visit the test-drive rate (÷ first visits) breaks.
        if (lead.visits === 0) return invalidTransition('TEST_DRIVE_WITHOUT_VISIT', 'record the showroom visit before the test drive', { leadId: lead.leadId });
        return [event(sales.TestDriveCompleted, command.data)];
      case 'IssueQuotation': {
        const d = command.data;
        if (lead.quotationIds.includes(d.quotationId)) {
          return invalidTransition('QUOTATION_ALREADY_ISSUED', `quotation ${d.quotationId} was already issued`, { quotationId: d.quotationId });
        }
        if (d.validUntil < businessDateOf(command.metadata.now, settings.timeZone)) {
          return new DomainError('QUOTATION_ALREADY_EXPIRED', 'a quotation must be valid at least until today', { validUntil: d.validUntil });
        }
        return [event(sales.QuotationIssued, d)];
      }
      case 'MarkLeadLost':
        return [event(sales.LeadLost, command.data)];
      default:
        return unreachable(command);
    }
  };
