import { unreachable } from '@rooftop/eventsourcing';
import { isOwnerPhoneContact } from '../ownership/ownership.rules.js';
import { latest } from '../shared/time.js';
import { type LeadEvent } from './lead.messages.js';
import { type KnownLead, type Lead } from './lead.state.js';

const OWNING_ROLES = new Set(['consultant', 'key_account']);

const known = (state: Lead): KnownLead | undefined => (state.status === 'none' ? undefined : state);

export const evolveLead = (state: Lead, event: LeadEvent): Lead => {
  if (event.type === 'LeadCaptured') {
    const d = event.data;
    return {
      status: 'open',
      leadId: d.leadId,
      customerId: d.customerId,
      channel: d.channel,
      brand: d.brand,
      ...(d.model !== undefined ? { model: d.model } : {}),
      keyAccount: d.channel === 'key_account',
      // The consultant who receives the customer in person and opens the file owns them (rule 1).
      ...(d.consultantId !== undefined ? { owner: d.consultantId, ownerTouchedAt: d.capturedAt } : {}),
      visits: 0,
      receivedBy: [],
      testDrives: 0,
      quotationIds: [],
    };
  }
  const lead = known(state);
  if (!lead) return state;
  switch (event.type) {
    case 'LeadAssigned': {
      const d = event.data;
      const takesOwnership = lead.owner === undefined && OWNING_ROLES.has(d.assigneeRole);
      return {
        ...lead,
        assignee: { id: d.assigneeId, role: d.assigneeRole },
        ...(takesOwnership ? { owner: d.assigneeId, ownerTouchedAt: d.assignedAt } : {}),
      };
    }
    case 'LeadContacted':
      return isOwnerPhoneContact(lead, event.data) ? { ...lead, ownerTouchedAt: latest(lead.ownerTouchedAt, event.data.contactedAt) } : lead;
    case 'ShowroomVisitRecorded': {
      const d = event.data;
      const owner = lead.owner ?? d.consultantId;
      return {
        ...lead,
        owner,
        ownerTouchedAt: owner === d.consultantId ? latest(lead.ownerTouchedAt, d.visitedAt) : lead.ownerTouchedAt,
        visits: lead.visits + 1,
        receivedBy: lead.receivedBy.includes(d.consultantId) ? lead.receivedBy : [...lead.receivedBy, d.consultantId],
      };
    }
    case 'OwnershipTransferred':
      return {
        ...lead,
        owner: event.data.toOwnerId,
        ownerTouchedAt: event.data.transferredAt,
        keyAccount: lead.keyAccount || event.data.rule === 'key_account',
      };
    case 'TestDriveCompleted':
      return { ...lead, testDrives: lead.testDrives + 1 };
    case 'QuotationIssued':
      return { ...lead, quotationIds: [...lead.quotationIds, event.data.quotationId] };
    case 'LeadLost':
      return { ...lead, status: 'lost' };
    default:
      return unreachable(event);
  }
};
