import { insuranceFactTable, insuranceStaffFactTable } from '../insurance/facts.js';
import { type KpiDefinition } from './types.js';

// Insurance KPIs (docs/domain/insurance.md). Facts live in `insurance_kpi_facts` (per brand) and `insurance_kpi_staff_facts`
// (per brand and staff member), both written by the `insurance_kpi_facts` projection.

type Def = Omit<KpiDefinition, 'domain' | 'factTable' | 'version'> & { version?: number };
const kpi = (d: Def): KpiDefinition => ({ domain: 'insurance', factTable: insuranceFactTable, version: 1, ...d });
const staffKpi = (d: Def): KpiDefinition => ({ domain: 'insurance', factTable: insuranceStaffFactTable, version: 1, ...d });

export const insuranceKpis: readonly KpiDefinition[] = [
  kpi({
    name: 'insurance.renewalRate',
    labels: { en: 'Renewal rate', zh: '续保率' },
    description:
      "Policies renewed at this store ÷ policies expiring in the period. Both are dated by the expiring term's last day of cover, so a renewal recorded before the term ends counts in the period the term ends in.",
    unit: 'ratio',
    formula: {
      text: 'count of PolicyRenewed (on previousExpiresOn) ÷ count of RenewalOpportunityOpened (on expiresOn)',
      numerator: { fact: 'policies_renewed' },
      denominator: { fact: 'policies_expiring' },
    },
  }),
  kpi({
    name: 'insurance.newCarPenetration',
    labels: { en: 'New-car insurance penetration', zh: '新保渗透率' },
    description: "Deliveries with a policy sold ÷ deliveries, from sales' VehicleDelivered on the delivery date (the commission bonus starts at 70 %).",
    unit: 'ratio',
    formula: {
      text: 'count of VehicleDelivered with policySold ÷ count of VehicleDelivered',
      numerator: { fact: 'deliveries_with_policy' },
      denominator: { fact: 'deliveries' },
    },
    benchmark: { op: '>=', value: 0.7 },
  }),
  kpi({
    name: 'insurance.renewalPremium',
    labels: { en: 'Renewal premium', zh: '续保保费' },
    description: 'Premium of the renewals recorded in the period, in fen, on the renewal date.',
    unit: 'fen',
    formula: { text: 'Σ PolicyRenewed.premium', numerator: { fact: 'renewal_premium_fen' } },
    target: 'renewalPremium',
    benchmark: { op: '>=', value: 10_000_000, per: 'month' },
  }),
  kpi({
    name: 'insurance.claimRepairOutput',
    labels: { en: 'Claim repair output', zh: '理赔产值' },
    description: "Labour + parts before discount of the workshop's insurance_claim repair orders invoiced in the period, in fen, on the invoice date.",
    unit: 'fen',
    formula: { text: 'Σ (labour + parts) of RepairOrderInvoiced with roType insurance_claim', numerator: { fact: 'claim_repair_output_fen' } },
    target: 'claimRepairOutput',
  }),
  staffKpi({
    name: 'insurance.renewalsPerStaff',
    labels: { en: 'Renewals per staff member', zh: '人均续保台次' },
    description: 'Renewals recorded in the period ÷ staff members (renewal staff or SAs) given or credited with a renewal in the period.',
    unit: 'count',
    formula: {
      text: 'count of PolicyRenewed ÷ number of distinct staff on RenewalAssigned.assigneeId or PolicyRenewed.renewedBy',
      numerator: { fact: 'renewals' },
      denominator: { distinct: 'staff' },
    },
    benchmark: { op: '>=', value: 3, per: 'month' },
  }),
  kpi({
    name: 'insurance.newPolicyPremium',
    labels: { en: 'New-car policy premium', zh: '新保保费' },
    description: 'Premium of the new-car policies entered in the period, in fen, on the sale date.',
    unit: 'fen',
    formula: { text: 'Σ NewPolicySold.premium', numerator: { fact: 'new_policy_premium_fen' } },
  }),
  kpi({
    name: 'insurance.commissionIncome',
    labels: { en: 'Insurance commission income', zh: '保险佣金收入' },
    description: 'Commission income of new policies and renewals recorded in the period, in fen.',
    unit: 'fen',
    formula: { text: 'Σ NewPolicySold.commission + Σ PolicyRenewed.commission', numerator: { fact: 'commission_fen' } },
  }),
  kpi({
    name: 'insurance.newPolicies',
    labels: { en: 'New-car policies', zh: '新保台次' },
    description: 'New-car policies whose terms were entered in the period, on the sale date.',
    unit: 'count',
    formula: { text: 'count of NewPolicySold', numerator: { fact: 'new_policies' } },
  }),
  kpi({
    name: 'insurance.renewalLossRate',
    labels: { en: 'Renewal loss rate', zh: '续保流失率' },
    description: "Renewals recorded as lost ÷ policies expiring in the period, both on the expiring term's last day of cover.",
    unit: 'ratio',
    formula: {
      text: 'count of RenewalLost (on expiresOn) ÷ count of RenewalOpportunityOpened (on expiresOn)',
      numerator: { fact: 'policies_lost' },
      denominator: { fact: 'policies_expiring' },
    },
  }),
  kpi({
    name: 'insurance.renewalIncentiveCost',
    labels: { en: 'Renewal incentive cost', zh: '续保赠送成本' },
    description: 'Value of the incentives (vouchers, free maintenance or labour, gifts) given with the renewals of the period, in fen.',
    unit: 'fen',
    formula: { text: 'Σ PolicyRenewed.incentive.value', numerator: { fact: 'renewal_incentive_fen' } },
  }),
  kpi({
    name: 'insurance.claimsReported',
    labels: { en: 'Claims taken on', zh: '理赔报案台次' },
    description: 'Accident claims whose repair the store took on in the period, on the reporting date.',
    unit: 'count',
    formula: { text: 'count of ClaimReported', numerator: { fact: 'claims_reported' } },
  }),
  kpi({
    name: 'insurance.outputPerClaimRepair',
    labels: { en: 'Output per claim repair', zh: '理赔单车产值' },
    description: 'Claim repair output ÷ insurance_claim repair orders invoiced in the period, in fen.',
    unit: 'fen',
    formula: {
      text: 'Σ (labour + parts) of RepairOrderInvoiced with roType insurance_claim ÷ count of those RepairOrderInvoiced',
      numerator: { fact: 'claim_repair_output_fen' },
      denominator: { fact: 'claim_repairs' },
    },
  }),
  kpi({
    name: 'insurance.claimSettlements',
    labels: { en: 'Claim settlements', zh: '理赔回款' },
    description: 'Amount insurers paid on claims settled in the period, in fen, on the settlement date.',
    unit: 'fen',
    formula: { text: 'Σ ClaimSettled.settledAmount', numerator: { fact: 'claim_settled_fen' } },
  }),
  kpi({
    name: 'insurance.claimsSettled',
    labels: { en: 'Claims settled', zh: '理赔结案台次' },
    description: 'Claims the insurer paid in the period, on the settlement date.',
    unit: 'count',
    formula: { text: 'count of ClaimSettled', numerator: { fact: 'claims_settled' } },
  }),
  staffKpi({
    name: 'insurance.renewalsAssigned',
    labels: { en: 'Renewals assigned', zh: '续保分配台次' },
    description: 'Renewal opportunities assigned to renewal staff or SAs in the period, on the assignment date.',
    unit: 'count',
    formula: { text: 'count of RenewalAssigned', numerator: { fact: 'renewals_assigned' } },
  }),
];
