import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { command, consultant, manager, T0 } from '../../../test/fixtures/domain.js';
import { leadDecider } from './lead.decider.js';
import { type CaptureLead, type CompleteTestDrive, type IssueQuotation, type LeadCaptured, type LeadCommand, type LeadEvent } from './lead.messages.js';

const spec = deciderSpec(leadDecider());
const capture = (over: Partial<CaptureLead['data']> = {}) =>
  command<LeadCommand>('CaptureLead', {
    leadId: 'lead-1',
    customerId: 'cust-1',
    channel: 'walk_in',
    customerName: 'Wang Fang',
    customerPhone: '13800138000',
    brand: 'Changan',
    consultantId: 'emp-a',
    ...over,
  });
const captured = (over: Partial<LeadCaptured['data']> = {}): LeadEvent => ({
  type: 'LeadCaptured',
  data: {
    leadId: 'lead-1',
    customerId: 'cust-1',
    channel: 'walk_in',
    customerName: 'Wang Fang',
    customerPhone: '13800138000',
    brand: 'Changan',
    consultantId: 'emp-a',
    capturedAt: T0,
    ...over,
  },
});
const visited = (consultantId = 'emp-a', visitKind: 'first' | 'return' = 'first'): LeadEvent => ({
  type: 'ShowroomVisitRecorded',
  data: { leadId: 'lead-1', customerId: 'cust-1', consultantId, visitKind, partySize: 2, byAppointment: false, visitedAt: T0 },
});
const lost: LeadEvent = { type: 'LeadLost', data: { leadId: 'lead-1', reason: 'price' } };
const visit = (consultantId = 'emp-a') => command<LeadCommand>('RecordShowroomVisit', { leadId: 'lead-1', consultantId, partySize: 2, byAppointment: false });
const testDrive = command<CompleteTestDrive>('CompleteTestDrive', { leadId: 'lead-1', consultantId: 'emp-a', brand: 'Changan', model: 'CS75' });
const quotation = (validUntil = '2025-03-10', quotationId = 'q-1') =>
  command<IssueQuotation>('IssueQuotation', {
    leadId: 'lead-1',
    quotationId,
    consultantId: 'emp-a',
    brand: 'Changan',
    model: 'CS75',
    listPrice: { amount: 12_000_000, currency: 'CNY' },
    quotedPrice: { amount: 11_800_000, currency: 'CNY' },
    validUntil,
  });

describe('lead: capture', () => {
  it('opens the lead and stamps the capture time', () => spec.given([]).when(capture()).thenEvents([captured()]));
  it('rejects a second capture of the same lead', () => spec.given([captured()]).when(capture()).thenError('LEAD_ALREADY_EXISTS', 'INVALID_TRANSITION'));
  it('needs the receiving consultant for a walk-in', () =>
    spec
      .given([])
      .when(capture({ consultantId: undefined }))
      .thenError('WALK_IN_NEEDS_CONSULTANT'));
  it('takes an online lead without a consultant', () =>
    spec
      .given([])
      .when(capture({ channel: 'online', consultantId: undefined }))
      .thenEvents([captured({ channel: 'online', consultantId: undefined })]));
});

describe('lead: work on an unknown or lost lead', () => {
  it('a contact on an unknown lead is NOT_FOUND', () =>
    spec
      .given([])
      .when(command<LeadCommand>('RecordContact', { leadId: 'lead-1', method: 'phone', outcome: 'reached' }))
      .thenError('LEAD_NOT_FOUND', 'NOT_FOUND'));
  it('a test drive on a lost lead is an invalid transition', () =>
    spec.given([captured(), visited(), lost]).when(testDrive).thenError('LEAD_LOST', 'INVALID_TRANSITION'));
  it('a lost lead cannot be lost again', () =>
    spec
      .given([captured(), lost])
      .when(command<LeadCommand>('MarkLeadLost', { leadId: 'lead-1', reason: 'price' }))
      .thenError('LEAD_LOST'));
  it('marks an open lead lost with the reason', () =>
    spec
      .given([captured()])
      .when(command<LeadCommand>('MarkLeadLost', { leadId: 'lead-1', reason: 'bought_elsewhere', note: 'BYD' }))
      .thenEvents([{ type: 'LeadLost', data: { leadId: 'lead-1', reason: 'bought_elsewhere', note: 'BYD' } }]));
});

describe('lead: assignment', () => {
  const assign = (assigneeId: string, assigneeRole: 'consultant' | 'call_specialist' | 'key_account', actor = manager) =>
    command<LeadCommand>('AssignLead', { leadId: 'lead-1', assigneeId, assigneeRole }, { actor });
  const online = captured({ channel: 'online', consultantId: undefined });
  it('hands an online lead to a call specialist first', () =>
    spec
      .given([online])
      .when(assign('call-1', 'call_specialist'))
      .thenEvents([{ type: 'LeadAssigned', data: { leadId: 'lead-1', assigneeId: 'call-1', assigneeRole: 'call_specialist', assignedAt: T0 } }]));
  it('refuses to hand an online lead straight to a consultant', () =>
    spec.given([online]).when(assign('emp-b', 'consultant')).thenError('ONLINE_LEAD_TO_CALL_SPECIALIST_FIRST'));
  it('re-assigning to the same employee changes nothing', () =>
    spec
      .given([online, { type: 'LeadAssigned', data: { leadId: 'lead-1', assigneeId: 'call-1', assigneeRole: 'call_specialist' } }])
      .when(assign('call-1', 'call_specialist'))
      .thenEvents([]));
  it('keeps a key-account lead with key-account staff', () =>
    spec
      .given([captured({ channel: 'key_account', consultantId: 'ka-1' })])
      .when(assign('emp-b', 'consultant'))
      .thenError('KEY_ACCOUNT_LEAD_STAYS_WITH_KEY_ACCOUNT'));
});

describe('lead: contact, visits, test drives, quotations', () => {
  it('records who contacted the customer and when', () =>
    spec
      .given([captured()])
      .when(
        command<LeadCommand>(
          'RecordContact',
          { leadId: 'lead-1', method: 'phone', outcome: 'appointment_made', nextAction: { action: 'test drive', dueOn: '2025-03-05' } },
          { actor: consultant('emp-a') },
        ),
      )
      .thenEvents([
        {
          type: 'LeadContacted',
          data: {
            leadId: 'lead-1',
            method: 'phone',
            outcome: 'appointment_made',
            nextAction: { action: 'test drive', dueOn: '2025-03-05' },
            contactedBy: 'emp-a',
            contactedAt: T0,
          },
        },
      ]));
  it('the first visit is "first", later ones "return"', () => {
    spec.given([captured()]).when(visit()).thenEvents([visited()]);
    spec
      .given([captured(), visited()])
      .when(visit())
      .thenEvents([visited('emp-a', 'return')]);
  });
  it('a test drive needs a showroom visit first', () => spec.given([captured()]).when(testDrive).thenError('TEST_DRIVE_WITHOUT_VISIT', 'INVALID_TRANSITION'));
  it('records a test drive after a visit', () =>
    spec
      .given([captured(), visited()])
      .when(testDrive)
      .thenEvents([{ type: 'TestDriveCompleted', data: testDrive.data }]));
  it('issues a quotation valid until today or later', () =>
    spec
      .given([captured()])
      .when(quotation('2025-03-03'))
      .thenEvents([{ type: 'QuotationIssued', data: quotation('2025-03-03').data }]));
  it('refuses a quotation that expired before it was issued', () =>
    spec.given([captured()]).when(quotation('2025-03-02')).thenError('QUOTATION_ALREADY_EXPIRED'));
  it('refuses the same quotation id twice', () =>
    spec
      .given([captured(), { type: 'QuotationIssued', data: quotation().data }])
      .when(quotation())
      .thenError('QUOTATION_ALREADY_ISSUED'));
});
