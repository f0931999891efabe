import { type FactTable } from '../dictionary/types.js';

/** Name of the projection writing both insurance fact tables. */
export const INSURANCE_FACTS_PROJECTION = 'insurance_kpi_facts';

/**
 * Additive insurance facts per (store, business date, brand). Each fact sits on the business date named in its
 * description. The renewal-rate pair both sit on the expiring term's last day (expiresOn), so "renewed ÷
 * expiring in the period" counts the same policies on both sides, whenever the renewal was recorded.
 */
export const insuranceFactTable = {
  table: 'insurance_kpi_facts',
  projection: INSURANCE_FACTS_PROJECTION,
  dimensions: [{ dimension: 'brand', column: 'brand' }],
  measures: [
    {
      column: 'deliveries',
      datedBy: 'VehicleDelivered data.deliveryDate',
      events: ['VehicleDelivered'],
      description: "Cars delivered (sales' VehicleDelivered), on the delivery's business date",
    },
    {
      column: 'deliveries_with_policy',
      datedBy: 'VehicleDelivered data.deliveryDate',
      events: ['VehicleDelivered'],
      description: 'Of those, deliveries with policySold = true (新保), on the same date',
    },
    {
      column: 'new_policies',
      datedBy: 'NewPolicySold data.soldOn',
      events: ['NewPolicySold'],
      description: 'New-car policies whose terms were entered, on soldOn',
    },
    {
      column: 'new_policy_premium_fen',
      datedBy: 'NewPolicySold data.soldOn',
      events: ['NewPolicySold'],
      description: 'Σ premium of new-car policies, in fen, on soldOn',
    },
    {
      column: 'commission_fen',
      datedBy: 'NewPolicySold data.soldOn, PolicyRenewed data.renewedOn',
      events: ['NewPolicySold', 'PolicyRenewed'],
      description: 'Σ commission income of new policies (on soldOn) and renewals (on renewedOn), in fen',
    },
    {
      column: 'policies_expiring',
      datedBy: 'RenewalOpportunityOpened data.expiresOn (when the old term ends)',
      events: ['RenewalOpportunityOpened'],
      description: 'Policy terms that entered the renewal pipeline, on their last day of cover (expiresOn)',
    },
    {
      column: 'policies_renewed',
      datedBy: 'PolicyRenewed data.previousExpiresOn (when the old term ends)',
      events: ['PolicyRenewed'],
      description: "Of those, terms renewed at this store, on the old term's last day (previousExpiresOn)",
    },
    {
      column: 'policies_lost',
      datedBy: 'RenewalLost data.expiresOn (when the old term ends)',
      events: ['RenewalLost'],
      description: 'Terms recorded as lost, on their last day (expiresOn)',
    },
    {
      column: 'renewal_premium_fen',
      datedBy: 'PolicyRenewed data.renewedOn',
      events: ['PolicyRenewed'],
      description: 'Σ premium of renewals (续保保费), in fen, on renewedOn',
    },
    {
      column: 'renewal_incentive_fen',
      datedBy: 'PolicyRenewed data.renewedOn',
      events: ['PolicyRenewed'],
      description: 'Σ value of incentives given with renewals, in fen, on renewedOn',
    },
    { column: 'claims_reported', events: ['ClaimReported'], description: 'Claims whose repair the store took on, on the reporting date' },
    { column: 'claims_settled', datedBy: 'ClaimSettled data.settledOn', events: ['ClaimSettled'], description: 'Claims the insurer paid, on settledOn' },
    {
      column: 'claim_settled_fen',
      datedBy: 'ClaimSettled data.settledOn',
      events: ['ClaimSettled'],
      description: 'Σ amount insurers paid on claims, in fen, on settledOn',
    },
    {
      column: 'claim_repair_output_fen',
      datedBy: 'RepairOrderInvoiced data.invoicedOn',
      events: ['RepairOrderInvoiced'],
      description: 'Σ labour + parts before discount of workshop ROs of type insurance_claim (理赔产值), in fen, on the invoice date',
    },
    {
      column: 'claim_repairs',
      datedBy: 'RepairOrderInvoiced data.invoicedOn',
      events: ['RepairOrderInvoiced'],
      description: 'Workshop ROs of type insurance_claim invoiced, on the invoice date',
    },
  ],
} as const satisfies FactTable;

/** Renewal work per (store, business date, brand, staff member): who was given renewals and who renewed. */
export const insuranceStaffFactTable = {
  table: 'insurance_kpi_staff_facts',
  projection: INSURANCE_FACTS_PROJECTION,
  dimensions: [
    { dimension: 'brand', column: 'brand' },
    { dimension: 'staff', column: 'staff_id' },
  ],
  measures: [
    {
      column: 'renewals_assigned',
      events: ['RenewalAssigned'],
      description: 'Renewal opportunities assigned to the staff member (renewal staff or SA), on the assignment date',
    },
    {
      column: 'renewals',
      datedBy: 'PolicyRenewed data.renewedOn',
      events: ['PolicyRenewed'],
      description: 'Renewals credited to the staff member (renewedBy), on renewedOn',
    },
  ],
} as const satisfies FactTable;

export type InsuranceFactColumn = (typeof insuranceFactTable.measures)[number]['column'];
export type InsuranceStaffFactColumn = (typeof insuranceStaffFactTable.measures)[number]['column'];
