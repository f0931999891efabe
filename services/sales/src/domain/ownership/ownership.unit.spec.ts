import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { command, consultant, daysAfter, manager, onlineSpecialist, T0 } from '../../../test/fixtures/domain.js';
import { leadDecider } from '../lead/lead.decider.js';
import { type LeadCommand, type LeadEvent } from '../lead/lead.messages.js';
import { DEFAULT_SALES_SETTINGS } from '../settings.js';

// 顾客归属原则: the owner keeps the customer unless a rule moves them; every move is an OwnershipTransferred.

const spec = deciderSpec(leadDecider());
const base = { leadId: 'lead-1', customerId: 'cust-1', customerName: 'Wang Fang', customerPhone: '13800138000', brand: 'Changan' };
const capturedBy = (consultantId: string | undefined, channel: 'walk_in' | 'online' | 'key_account' = 'walk_in'): LeadEvent => ({
  type: 'LeadCaptured',
  data: { ...base, channel, ...(consultantId ? { consultantId } : {}), capturedAt: T0 },
});
const visitedBy = (consultantId: string, at: string, visitKind: 'first' | 'return' = 'first'): LeadEvent => ({
  type: 'ShowroomVisitRecorded',
  data: { leadId: 'lead-1', customerId: 'cust-1', consultantId, visitKind, partySize: 1, byAppointment: false, visitedAt: at },
});
const phoned = (by: string, at: string, outcome: 'reached' | 'not_reached' = 'reached'): LeadEvent => ({
  type: 'LeadContacted',
  data: { leadId: 'lead-1', contactedBy: by, method: 'phone', outcome, contactedAt: at },
});
const visit = (consultantId: string, at: string, askedForConsultantId?: string) =>
  command<LeadCommand>(
    'RecordShowroomVisit',
    { leadId: 'lead-1', consultantId, partySize: 1, byAppointment: false, ...(askedForConsultantId ? { askedForConsultantId } : {}) },
    { now: at },
  );
const transferred = (from: string, to: string, rule: string, at: string, decidedBy?: string): LeadEvent =>
  ({
    type: 'OwnershipTransferred',
    data: { customerId: 'cust-1', leadId: 'lead-1', fromOwnerId: from, toOwnerId: to, rule, ...(decidedBy ? { decidedBy } : {}), transferredAt: at },
  }) as LeadEvent;

describe('ownership: the 7-day rule (lapsed contact)', () => {
  const day8 = daysAfter(8);
  it('moves the customer to the receiving consultant after more than 7 days without the owner phoning', () =>
    spec
      .given([capturedBy('emp-a'), visitedBy('emp-a', T0)])
      .when(visit('emp-b', day8))
      .thenEvents([visitedBy('emp-b', day8, 'return'), transferred('emp-a', 'emp-b', 'lapsed_contact', day8)]));
  it('keeps the owner who reached the customer by phone within the last 7 days', () =>
    spec
      .given([capturedBy('emp-a'), visitedBy('emp-a', T0), phoned('emp-a', daysAfter(3))])
      .when(visit('emp-b', day8))
      .thenEvents([visitedBy('emp-b', day8, 'return')]));
  it('an unanswered call does not count as contact', () =>
    spec
      .given([capturedBy('emp-a'), visitedBy('emp-a', T0), phoned('emp-a', daysAfter(3), 'not_reached')])
      .when(visit('emp-b', day8))
      .thenEvents([visitedBy('emp-b', day8, 'return'), transferred('emp-a', 'emp-b', 'lapsed_contact', day8)]));
  it("another employee's call does not keep the owner's claim", () =>
    spec
      .given([capturedBy('emp-a'), phoned('emp-c', daysAfter(6))])
      .when(visit('emp-b', day8))
      .thenEvents([visitedBy('emp-b', day8), transferred('emp-a', 'emp-b', 'lapsed_contact', day8)]));
  it('exactly 7 days is not "more than 7 days"', () =>
    spec
      .given([capturedBy('emp-a')])
      .when(visit('emp-b', daysAfter(7)))
      .thenEvents([visitedBy('emp-b', daysAfter(7))]));
  it('the customer asking for the owner keeps the owner', () =>
    spec
      .given([capturedBy('emp-a')])
      .when(visit('emp-b', day8, 'emp-a'))
      .thenEvents([{ ...visitedBy('emp-b', day8), data: { ...visitedBy('emp-b', day8).data, askedForConsultantId: 'emp-a' } } as LeadEvent]));
  it('the lapse is a per-store setting', () =>
    deciderSpec(leadDecider({ ...DEFAULT_SALES_SETTINGS, ownershipLapseDays: 3 }))
      .given([capturedBy('emp-a')])
      .when(visit('emp-b', daysAfter(4)))
      .thenEvents([visitedBy('emp-b', daysAfter(4)), transferred('emp-a', 'emp-b', 'lapsed_contact', daysAfter(4))]));
});

describe('ownership: first reception and customer choice', () => {
  it('the consultant who first receives an online lead owns it, and the clock starts then', () => {
    const given = [capturedBy(undefined, 'online'), visitedBy('emp-b', daysAfter(1))];
    spec
      .given(given)
      .when(visit('emp-c', daysAfter(5)))
      .thenEvents([visitedBy('emp-c', daysAfter(5), 'return')]);
    spec
      .given(given)
      .when(visit('emp-c', daysAfter(9)))
      .thenEvents([visitedBy('emp-c', daysAfter(9), 'return'), transferred('emp-b', 'emp-c', 'lapsed_contact', daysAfter(9))]);
  });
  it('the customer chooses among consultants who have received them', () => {
    const at = daysAfter(2);
    const asked = { ...visitedBy('emp-b', at, 'return'), data: { ...visitedBy('emp-b', at, 'return').data, askedForConsultantId: 'emp-b' } } as LeadEvent;
    spec
      .given([capturedBy('emp-a'), visitedBy('emp-a', T0), visitedBy('emp-b', daysAfter(1), 'return')])
      .when(visit('emp-b', at, 'emp-b'))
      .thenEvents([asked, transferred('emp-a', 'emp-b', 'customer_choice', at)]);
  });
});

describe('ownership: key accounts and manager rulings', () => {
  const assign = (assigneeId: string, assigneeRole: 'consultant' | 'key_account', actor = manager, now = T0) =>
    command<LeadCommand>('AssignLead', { leadId: 'lead-1', assigneeId, assigneeRole }, { actor, now });
  it('a key-account customer never lapses to the showroom', () =>
    spec
      .given([capturedBy('ka-1', 'key_account')])
      .when(visit('emp-b', daysAfter(30)))
      .thenEvents([visitedBy('emp-b', daysAfter(30))]));
  it('a customer handed to key-account staff moves by the key-account rule and stays there', () => {
    spec
      .given([capturedBy('emp-a')])
      .when(assign('ka-1', 'key_account', onlineSpecialist))
      .thenEvents([
        { type: 'LeadAssigned', data: { leadId: 'lead-1', assigneeId: 'ka-1', assigneeRole: 'key_account', assignedAt: T0 } },
        transferred('emp-a', 'ka-1', 'key_account', T0),
      ]);
    spec
      .given([capturedBy('emp-a'), transferred('emp-a', 'ka-1', 'key_account', T0)])
      .when(visit('emp-b', daysAfter(20)))
      .thenEvents([visitedBy('emp-b', daysAfter(20))]);
  });
  it('a sales manager may move the customer to another consultant (manager ruling)', () =>
    spec
      .given([capturedBy('emp-a')])
      .when(assign('emp-b', 'consultant'))
      .thenEvents([
        { type: 'LeadAssigned', data: { leadId: 'lead-1', assigneeId: 'emp-b', assigneeRole: 'consultant', assignedAt: T0 } },
        transferred('emp-a', 'emp-b', 'manager_ruling', T0, 'mgr-1'),
      ]));
  it('nobody else may move an owned customer to another consultant', () =>
    spec
      .given([capturedBy('emp-a')])
      .when(assign('emp-b', 'consultant', consultant('emp-b')))
      .thenError('OWNERSHIP_CHANGE_NEEDS_MANAGER', 'FORBIDDEN'));
  it('assigning an unowned lead to a consultant makes them the owner, with no transfer', () =>
    spec
      .given([capturedBy(undefined, 'online'), { type: 'LeadAssigned', data: { leadId: 'lead-1', assigneeId: 'call-1', assigneeRole: 'call_specialist' } }])
      .when(assign('emp-b', 'consultant'))
      .thenEvents([
        { type: 'LeadAssigned', data: { leadId: 'lead-1', assigneeId: 'emp-b', assigneeRole: 'consultant', previousAssigneeId: 'call-1', assignedAt: T0 } },
      ]));
});
