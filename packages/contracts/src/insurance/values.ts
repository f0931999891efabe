import { z } from 'zod';
import { employeeId, entityId, money } from '../common.js';

// Value schemas shared by insurance events and commands (docs/domain/insurance.md: 新保, 续保, 理赔).

export const INSURANCE_CONTEXT = 'insurance';

/** Roles that send insurance commands; `system` is the service's own timers and reactions. */
export const insuranceRoles = {
  insuranceClerk: 'insurance_clerk',
  renewalClerk: 'insurance_renewal_clerk',
  serviceAdvisor: 'service_advisor',
  salesConsultant: 'sales_consultant',
  serviceManager: 'service_manager',
  generalManager: 'general_manager',
  admin: 'admin',
  system: 'system',
} as const;

export const policyId = entityId.describe("Policy id (the stream is insurance-policy-<policyId>; one vehicle's cover at this store, term after term)");
export const insuranceClaimId = entityId.describe('Insurance claim id (the stream is insurance-claim-<claimId>)');
export const insurer = z.string().min(1).max(100).describe('Insurance company (保险公司)');

export const COVERAGE_KINDS = ['compulsory', 'vehicle_damage', 'third_party', 'deductible_waiver', 'passenger'] as const;

export const coverageKind = z
  .enum(COVERAGE_KINDS)
  .describe('Cover: compulsory (交强险), vehicle_damage (车损), third_party (三者), deductible_waiver (不计免赔), passenger (车上人)');

export const coverages = z
  .array(
    z
      .object({
        kind: coverageKind,
        premium: money.describe('Premium of this cover'),
        sumInsured: money.optional().describe('Sum insured (保额), where the cover has one'),
      })
      .describe('One cover of the policy'),
  )
  .min(1)
  .max(5)
  .refine((list) => new Set(list.map((c) => c.kind)).size === list.length, 'each cover appears once')
  .refine((list) => list.some((c) => c.kind === 'compulsory'), 'compulsory cover (交强险) is always included')
  .describe('Covers bought; the premium is their sum. 交强险 is compulsory by law.');

export const policyTerms = {
  insurer,
  coverages,
  commission: money.describe("The store's commission income from the insurer (佣金)"),
  startsOn: z.iso.date().describe('First day of cover (store business date)'),
  endsOn: z.iso.date().describe('Last day of cover (store business date); renewal opens a lead window before it'),
};

export const assigneeRole = z.enum(['renewal_staff', 'service_advisor']).describe('Who works the renewal: dedicated renewal staff (专职续保) or an SA');

export const callOutcome = z.enum(['no_answer', 'call_back', 'interested', 'not_interested']).describe('Outcome of a renewal call');

export const incentive = z
  .object({
    kind: z
      .enum(['voucher', 'free_maintenance', 'free_labour', 'gift'])
      .describe('voucher (代金券), free maintenance (送保养), free labour (送工时) or a gift (油/米)'),
    value: money.describe("The incentive's cost to the store"),
  })
  .describe('Incentive given to win the renewal');

export const lostReason = z
  .enum(['price', 'moved', 'sold_car', 'other_insurer', 'other'])
  .describe('Why the renewal was lost: price, moved away, sold the car, renewed with another insurer/agent, other');

export const staffId = employeeId.describe('Employee id of the renewal staff member or SA');
