import { type NewEvent, uuidv7 } from '@rooftop/eventsourcing';

/**
 * The messaging suites relay and consume real contract events (the consumer validates every message against
 * its schema): sales.LeadCaptured, ~250 bytes of data, one lead per stream.
 */
export const leadCaptured = (groupId: string, storeId: string, leadId: string, sequence: number): NewEvent => ({
  eventId: uuidv7(),
  type: 'LeadCaptured',
  schemaVersion: 1,
  data: {
    leadId,
    customerId: `cust-${sequence}`,
    channel: 'walk_in',
    customerName: 'Wang Fang',
    customerPhone: '13800138000',
    brand: 'Changan',
    model: 'CS75 PLUS',
    consultantId: `emp-${sequence % 17}`,
    source: 'Showroom walk-in, weekend test-drive event',
  },
  metadata: {
    storeId,
    groupId,
    correlationId: `corr-${sequence}`,
    actor: { kind: 'user', id: 'emp-1', roles: ['consultant'] },
    occurredAt: '2026-11-23T10:00:00+08:00',
  },
});

export const leadStream = (leadId: string): string => `sales-lead-${leadId}`;
