import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { clerk, cny, command, covers, renewalClerk, system, terms, vehicle, ZONE } from '../../../test/builders.js';
import { policyDecider, type PolicyEvent } from './policy.decider.js';

const spec = deciderSpec(policyDecider(ZONE));
const policyId = 'p-1';

const recorded: PolicyEvent = {
  type: 'DeliveryPolicyRecorded',
  data: { policyId, orderId: 'o-1', ...vehicle, insurer: '人保', consultantId: 'sc-1', deliveredOn: '2026-03-01', sourceEventId: 'ev-1' },
};
const sold: PolicyEvent = {
  type: 'NewPolicySold',
  data: { policyId, orderId: 'o-1', ...vehicle, ...terms, premium: cny(515_000), soldBy: 'ins-1', soldOn: '2026-03-02', term: 1 },
};
const opened: PolicyEvent = {
  type: 'RenewalOpportunityOpened',
  data: {
    policyId,
    term: 1,
    vin: vehicle.vin,
    brand: '长安',
    customerId: 'cust-1',
    insurer: '人保',
    expiresOn: '2027-03-01',
    expiringPremium: cny(515_000),
    openedOn: '2026-12-31',
  },
};
const assigned: PolicyEvent = {
  type: 'RenewalAssigned',
  data: { policyId, term: 1, brand: '长安', assigneeId: 'sa-7', assigneeRole: 'service_advisor', assignedBy: 'ren-1' },
};
const renewTerms = { ...terms, insurer: '平安', coverages: covers.slice(0, 2), commission: cny(39_000), startsOn: '2027-03-02', endsOn: '2028-03-01' };
const sell = command('SellNewPolicy', { policyId, ...vehicle, ...terms });
const now = '2027-01-05T10:00:00+08:00';

describe('policy decider', () => {
  it('records a delivery with a policy, then its terms; the premium is the sum of the covers', () => {
    spec
      .given([])
      .when(command('RecordDeliveryPolicy', recorded.data, { actor: system }))
      .thenEvents([recorded]);
    spec.given([recorded]).when(sell).thenEvents([sold]);
    const { orderId: _fromDelivery, ...standalone } = sold.data;
    spec
      .given([])
      .when(sell)
      .thenEvents([{ type: 'NewPolicySold', data: standalone }]);
  });

  it('ignores the same delivery twice and refuses a second policy, a VIN mismatch or a period that ends first', () => {
    spec
      .given([recorded])
      .when(command('RecordDeliveryPolicy', recorded.data, { actor: system }))
      .thenEvents([]);
    spec
      .given([recorded])
      .when(command('RecordDeliveryPolicy', { ...recorded.data, sourceEventId: 'ev-2' }))
      .thenError('POLICY_EXISTS');
    spec.given([recorded, sold]).when(sell).thenError('POLICY_EXISTS');
    spec
      .given([recorded])
      .when(command('SellNewPolicy', { policyId, ...vehicle, vin: 'LS5A3DKE0NA654321', ...terms }))
      .thenError('VIN_MISMATCH');
    spec
      .given([])
      .when(command('SellNewPolicy', { policyId, ...vehicle, ...terms, endsOn: '2026-03-01' }))
      .thenError('INVALID_POLICY_PERIOD');
  });

  it('opens the renewal of the current term once, assigns it, logs calls and renews into the next term', () => {
    spec
      .given([sold])
      .when(command('OpenRenewalOpportunity', { policyId, term: 1 }, { actor: system, now: '2026-12-31T09:00:00+08:00' }))
      .thenEvents([opened]);
    spec
      .given([sold, opened])
      .when(command('OpenRenewalOpportunity', { policyId, term: 1 }, { actor: system }))
      .thenError('RENEWAL_NOT_OPENABLE');
    spec
      .given([sold])
      .when(command('OpenRenewalOpportunity', { policyId, term: 2 }, { actor: system }))
      .thenError('STALE_RENEWAL_TERM');
    spec
      .given([sold, opened])
      .when(command('AssignRenewal', { policyId, assigneeId: 'sa-7', assigneeRole: 'service_advisor' as const }, { actor: renewalClerk }))
      .thenEvents([assigned]);
    spec
      .given([sold, opened, assigned])
      .when(command('LogRenewalCall', { policyId, outcome: 'call_back' as const, nextCallOn: '2027-01-10' }, { actor: clerk, now }))
      .thenEvents([
        { type: 'RenewalCallLogged', data: { policyId, term: 1, outcome: 'call_back' as const, nextCallOn: '2027-01-10', calledBy: 'ins-1', calledAt: now } },
      ]);
    const incentive = { kind: 'free_maintenance' as const, value: cny(30_000) };
    spec
      .given([sold, opened, assigned])
      .when(command('RenewPolicy', { policyId, ...renewTerms, incentive }, { actor: clerk, now }))
      .thenEvents([
        {
          type: 'PolicyRenewed',
          data: {
            policyId,
            ...renewTerms,
            incentive,
            term: 2,
            vin: vehicle.vin,
            brand: '长安',
            premium: cny(395_000),
            renewedBy: 'sa-7',
            renewedOn: '2027-01-05',
            previousExpiresOn: '2027-03-01',
          },
        },
      ]);
  });

  it('records a lost renewal with its reason, and refuses pipeline commands outside an open renewal', () => {
    spec
      .given([sold, opened])
      .when(command('LoseRenewal', { policyId, reason: 'other_insurer' as const }, { actor: clerk, now }))
      .thenEvents([
        {
          type: 'RenewalLost',
          data: { policyId, reason: 'other_insurer', term: 1, brand: '长安', lostBy: 'ins-1', lostOn: '2027-01-05', expiresOn: '2027-03-01' },
        },
      ]);
    spec
      .given([sold])
      .when(command('RenewPolicy', { policyId, ...renewTerms }))
      .thenError('NO_OPEN_RENEWAL');
    spec
      .given([sold, opened])
      .when(command('RenewPolicy', { policyId, ...renewTerms, startsOn: '2027-02-01' }))
      .thenError('INVALID_POLICY_PERIOD');
    spec
      .given([recorded])
      .when(command('AssignRenewal', { policyId, assigneeId: 'x', assigneeRole: 'renewal_staff' as const }))
      .thenError('POLICY_TERMS_MISSING');
  });

  it('refuses the renewal of an unknown policy with a typed not-found error', () => {
    spec
      .given([])
      .when(command('RenewPolicy', { policyId, ...renewTerms }))
      .thenError('POLICY_NOT_FOUND', 'NOT_FOUND');
  });
});
