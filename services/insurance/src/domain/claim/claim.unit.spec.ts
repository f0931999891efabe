import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { cny, command, vehicle, ZONE } from '../../../test/builders.js';
import { claimDecider, type ClaimEvent } from './claim.decider.js';

const spec = deciderSpec(claimDecider(ZONE));
const now = '2026-03-02T10:00:00+08:00';
const report = {
  claimId: 'cl-1',
  insurer: '人保',
  ...vehicle,
  serviceAdvisorId: 'sa-1',
  mileageKm: 12_000,
  accidentOn: '2026-03-01',
  description: 'Rear bumper',
};
const reported: ClaimEvent = { type: 'ClaimReported', data: { ...report, repairOrderId: 'cl-1', reportedBy: 'ins-1', reportedAt: now } };
const repaired: ClaimEvent = {
  type: 'ClaimRepaired',
  data: { claimId: 'cl-1', repairOrderId: 'cl-1', insurer: '人保', brand: '长安', repairAmount: cny(250_000), repairedOn: '2026-03-02' },
};

describe('claim decider', () => {
  it('reports, repairs and settles a claim', () => {
    spec
      .given([])
      .when(command('ReportClaim', report, { now }))
      .thenEvents([reported]);
    spec
      .given([reported])
      .when(command('RecordClaimRepair', { claimId: 'cl-1', repairAmount: cny(250_000) }, { now }))
      .thenEvents([repaired]);
    spec
      .given([reported, repaired])
      .when(command('SettleClaim', { claimId: 'cl-1', settledAmount: cny(240_000) }, { now }))
      .thenEvents([
        {
          type: 'ClaimSettled',
          data: { claimId: 'cl-1', insurer: '人保', brand: '长安', repairAmount: cny(250_000), settledAmount: cny(240_000), settledOn: '2026-03-02' },
        },
      ]);
  });

  it('refuses out-of-order steps, a settlement above the repair amount and unknown claims', () => {
    spec.given([reported]).when(command('ReportClaim', report)).thenError('CLAIM_EXISTS');
    spec
      .given([reported])
      .when(command('SettleClaim', { claimId: 'cl-1', settledAmount: cny(1) }))
      .thenError('CLAIM_NOT_REPAIRED');
    spec
      .given([reported, repaired])
      .when(command('RecordClaimRepair', { claimId: 'cl-1', repairAmount: cny(1) }))
      .thenError('CLAIM_ALREADY_REPAIRED');
    spec
      .given([reported, repaired])
      .when(command('SettleClaim', { claimId: 'cl-1', settledAmount: cny(250_001) }))
      .thenError('SETTLEMENT_EXCEEDS_REPAIR');
    spec
      .given([])
      .when(command('RecordClaimRepair', { claimId: 'cl-1', repairAmount: cny(1) }))
      .thenError('CLAIM_NOT_FOUND', 'NOT_FOUND');
  });
});
