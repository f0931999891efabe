import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { clerk, command } from '../../../test/builders.js';
import { complaintDecider, type ComplaintEvent } from './complaint.decider.js';

const spec = deciderSpec(complaintDecider);
const now = '2026-03-02T10:00:00+08:00';
const data = { complaintId: 'cp-1', customerId: 'cust-1', severity: 'major' as const, channel: 'phone' as const, description: 'Noise after repair' };
const received: ComplaintEvent = { type: 'ComplaintReceived', data: { ...data, receivedBy: 'clerk-1', receivedAt: now } };
const escalated: ComplaintEvent = { type: 'ComplaintEscalated', data: { complaintId: 'cp-1', escalatedTo: 'csm-1', reason: 'Major' } };
const resolve = command('ResolveComplaint', { complaintId: 'cp-1', resolution: 'Re-fitted the shield', customerSatisfied: true }, { actor: clerk });

describe('complaint decider', () => {
  it('receives, escalates and resolves a major complaint', () => {
    spec
      .given([])
      .when(command('ReceiveComplaint', data, { actor: clerk, now }))
      .thenEvents([received]);
    spec
      .given([received])
      .when(command('EscalateComplaint', { complaintId: 'cp-1', escalatedTo: 'csm-1', reason: 'Major' }))
      .thenEvents([escalated]);
    spec
      .given([received, escalated])
      .when(resolve)
      .thenEvents([
        {
          type: 'ComplaintResolved',
          data: { complaintId: 'cp-1', severity: 'major', resolution: 'Re-fitted the shield', customerSatisfied: true, resolvedBy: 'clerk-1', receivedAt: now },
        },
      ]);
  });

  it('resolves a normal complaint without escalation', () => {
    const normal: ComplaintEvent = { type: 'ComplaintReceived', data: { ...data, severity: 'normal', receivedBy: 'clerk-1', receivedAt: now } };
    spec
      .given([normal])
      .when(resolve)
      .thenEvents([
        {
          type: 'ComplaintResolved',
          data: {
            complaintId: 'cp-1',
            severity: 'normal',
            resolution: 'Re-fitted the shield',
            customerSatisfied: true,
            resolvedBy: 'clerk-1',
            receivedAt: now,
          },
        },
      ]);
  });

  it('refuses to resolve an unescalated major complaint, to act on a resolved one, or twice escalate', () => {
    spec.given([received]).when(resolve).thenError('MAJOR_COMPLAINT_NOT_ESCALATED');
    const resolved: ComplaintEvent = {
      type: 'ComplaintResolved',
      data: { complaintId: 'cp-1', severity: 'major', resolution: 'x', customerSatisfied: false, resolvedBy: 'c', receivedAt: now },
    };
    spec.given([received, escalated, resolved]).when(resolve).thenError('COMPLAINT_ALREADY_RESOLVED');
    spec
      .given([received, escalated])
      .when(command('EscalateComplaint', { complaintId: 'cp-1', escalatedTo: 'gm', reason: 'again' }))
      .thenError('COMPLAINT_ALREADY_ESCALATED');
    spec.given([received]).when(command('ReceiveComplaint', data)).thenError('COMPLAINT_EXISTS');
    spec.given([]).when(resolve).thenError('COMPLAINT_NOT_FOUND', 'NOT_FOUND');
  });
});
