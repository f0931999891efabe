import { type EventContract, type EventData, insurance as i, parseWith } from '@rooftop/contracts';
import { streamName, uuidv7 } from '@rooftop/eventsourcing';
import { businessDateOf } from '../facts/business-date.js';
import { type BuiltEvent } from './sales-events.js';
import { TEST_VIN } from './workshop-events.js';

// Builders of contract-valid insurance events for read-model tests. `at` is occurredAt; the business dates the
// events carry default to its date in the store's zone, as the service would write them.

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

export interface InsuranceEventsOptions {
  readonly storeId: string;
  readonly groupId?: string;
  readonly timeZone?: string;
}

/** Covers adding up to `premiumFen`: the compulsory cover and vehicle damage for the rest. */
const coversOf = (premiumFen: number) => [
  { kind: 'compulsory' as const, premium: cny(95_000) },
  { kind: 'vehicle_damage' as const, premium: cny(premiumFen - 95_000) },
];

export const insuranceEvents = (options: InsuranceEventsOptions) => {
  const dateOf = (at: string) => businessDateOf(at, options.timeZone ?? 'Asia/Shanghai');
  const build = <C extends EventContract>(contract: C, aggregate: 'policy' | 'claim', id: string, data: EventData<C>, at: string): BuiltEvent => ({
    streamId: streamName('insurance', aggregate, id),
    event: {
      eventId: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      data: parseWith(contract.schema, data, contract.type),
      metadata: {
        storeId: options.storeId,
        groupId: options.groupId ?? 'group-test',
        correlationId: uuidv7(),
        actor: { kind: 'user', id: 'emp-test', roles: ['insurance_clerk'] },
        occurredAt: at,
      },
    },
  });
  const vehicle = (policyId: string, brand: string) => ({ policyId, vin: TEST_VIN, brand, model: 'CS75', customerId: `cust-${policyId}` });
  return {
    newPolicySold: (d: { policyId: string; brand: string; premiumFen: number; commissionFen: number; soldBy?: string }, at: string) =>
      build(
        i.NewPolicySold,
        'policy',
        d.policyId,
        {
          ...vehicle(d.policyId, d.brand),
          insurer: '人保',
          coverages: coversOf(d.premiumFen),
          commission: cny(d.commissionFen),
          startsOn: dateOf(at),
          endsOn: '2099-12-31',
          premium: cny(d.premiumFen),
          soldBy: d.soldBy ?? 'ins-1',
          soldOn: dateOf(at),
          term: 1,
        },
        at,
      ),
    opportunityOpened: (d: { policyId: string; brand: string; expiresOn: string; premiumFen?: number }, at: string) =>
      build(
        i.RenewalOpportunityOpened,
        'policy',
        d.policyId,
        {
          policyId: d.policyId,
          term: 1,
          vin: TEST_VIN,
          brand: d.brand,
          customerId: `cust-${d.policyId}`,
          insurer: '人保',
          expiresOn: d.expiresOn,
          expiringPremium: cny(d.premiumFen ?? 400_000),
          openedOn: dateOf(at),
        },
        at,
      ),
    assigned: (d: { policyId: string; brand: string; assigneeId: string; assigneeRole?: 'renewal_staff' | 'service_advisor' }, at: string) =>
      build(
        i.RenewalAssigned,
        'policy',
        d.policyId,
        { policyId: d.policyId, term: 1, brand: d.brand, assigneeId: d.assigneeId, assigneeRole: d.assigneeRole ?? 'renewal_staff', assignedBy: 'mgr-1' },
        at,
      ),
    renewed: (
      d: { policyId: string; brand: string; premiumFen: number; commissionFen: number; incentiveFen?: number; renewedBy: string; previousExpiresOn: string },
      at: string,
    ) =>
      build(
        i.PolicyRenewed,
        'policy',
        d.policyId,
        {
          policyId: d.policyId,
          term: 2,
          vin: TEST_VIN,
          brand: d.brand,
          insurer: '人保',
          coverages: coversOf(d.premiumFen),
          commission: cny(d.commissionFen),
          startsOn: '2098-01-01',
          endsOn: '2098-12-31',
          premium: cny(d.premiumFen),
          renewedBy: d.renewedBy,
          renewedOn: dateOf(at),
          previousExpiresOn: d.previousExpiresOn,
          ...(d.incentiveFen ? { incentive: { kind: 'free_maintenance' as const, value: cny(d.incentiveFen) } } : {}),
        },
        at,
      ),
    lost: (d: { policyId: string; brand: string; expiresOn: string }, at: string) =>
      build(
        i.RenewalLost,
        'policy',
        d.policyId,
        { policyId: d.policyId, term: 1, brand: d.brand, reason: 'price', lostBy: 'ren-1', lostOn: dateOf(at), expiresOn: d.expiresOn },
        at,
      ),
    claimReported: (d: { claimId: string; brand: string; repairOrderId: string }, at: string) =>
      build(
        i.ClaimReported,
        'claim',
        d.claimId,
        {
          claimId: d.claimId,
          insurer: '人保',
          repairOrderId: d.repairOrderId,
          vin: TEST_VIN,
          brand: d.brand,
          model: 'CS75',
          customerId: `cust-${d.claimId}`,
          serviceAdvisorId: 'sa-1',
          mileageKm: 10_000,
          accidentOn: dateOf(at),
          description: '追尾',
          reportedBy: 'ins-1',
          reportedAt: at,
        },
        at,
      ),
    claimSettled: (d: { claimId: string; brand: string; repairFen: number; settledFen: number }, at: string) =>
      build(
        i.ClaimSettled,
        'claim',
        d.claimId,
        { claimId: d.claimId, insurer: '人保', brand: d.brand, repairAmount: cny(d.repairFen), settledAmount: cny(d.settledFen), settledOn: dateOf(at) },
        at,
      ),
  };
};
