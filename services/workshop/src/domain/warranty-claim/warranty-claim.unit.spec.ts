import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { cny, command, VIN } from '../../../test/builders.js';
import { warrantyClaimDecider, type WarrantyClaimEvent } from './warranty-claim.decider.js';

const spec = deciderSpec(warrantyClaimDecider);
const clerk = { kind: 'user' as const, id: 'wc-1', roles: ['warranty_clerk'] };
const data = { claimId: 'wc-1', repairOrderId: 'ro-1', vin: VIN, brand: '长安', claimedAmount: cny(120_000) };
const submitted: WarrantyClaimEvent = { type: 'WarrantyClaimSubmitted', data: { ...data, submittedBy: 'wc-1' } };

describe('warranty claim decider', () => {
  it('submits, then approves (at most the amount claimed) or rejects', () => {
    spec
      .given([])
      .when(command('SubmitWarrantyClaim', data, { actor: clerk }))
      .thenEvents([submitted]);
    spec
      .given([submitted])
      .when(command('ApproveWarrantyClaim', { claimId: 'wc-1', approvedAmount: cny(100_000), oemReference: 'OEM-9' }))
      .thenEvents([
        {
          type: 'WarrantyClaimApproved',
          data: { claimId: 'wc-1', repairOrderId: 'ro-1', brand: '长安', claimedAmount: cny(120_000), approvedAmount: cny(100_000), oemReference: 'OEM-9' },
        },
      ]);
    spec
      .given([submitted])
      .when(command('RejectWarrantyClaim', { claimId: 'wc-1', reason: 'Out of warranty' }))
      .thenEvents([{ type: 'WarrantyClaimRejected', data: { claimId: 'wc-1', repairOrderId: 'ro-1', brand: '长安', reason: 'Out of warranty' } }]);
  });

  it('refuses an over-approval, a second decision, a second submission and unknown claims', () => {
    spec
      .given([submitted])
      .when(command('ApproveWarrantyClaim', { claimId: 'wc-1', approvedAmount: cny(120_001) }))
      .thenError('APPROVED_EXCEEDS_CLAIMED');
    const rejected: WarrantyClaimEvent = { type: 'WarrantyClaimRejected', data: { claimId: 'wc-1', repairOrderId: 'ro-1', brand: '长安', reason: 'x' } };
    spec
      .given([submitted, rejected])
      .when(command('ApproveWarrantyClaim', { claimId: 'wc-1', approvedAmount: cny(1) }))
      .thenError('CLAIM_ALREADY_DECIDED');
    spec.given([submitted]).when(command('SubmitWarrantyClaim', data)).thenError('CLAIM_EXISTS');
    spec
      .given([])
      .when(command('RejectWarrantyClaim', { claimId: 'wc-1', reason: 'x' }))
      .thenError('CLAIM_NOT_FOUND', 'NOT_FOUND');
  });
});
