import { type FactTable } from '../dictionary/types.js';
import { factTableDdl } from '../facts/fact-table.js';

/** Name of the projection writing the sales fact table and its helper tables. */
export const SALES_FACTS_PROJECTION = 'sales_kpi_facts';
/** Name of the projection keeping the monthly sales targets. */
export const SALES_TARGETS_PROJECTION = 'sales_targets';

/**
 * Additive sales facts per (store, business date, brand, model, channel, consultant). Every column is a count
 * or a sum, so any KPI over any stores and period is Σ numerator ÷ Σ denominator. Facts about a lead (leads,
 * leads that visited) sit on the lead's capture date; facts about an order (orders, online orders, days
 * lead → order) on its signing date, so a cancellation takes back exactly what the signing added.
 */
export const salesFactTable = {
  table: 'sales_kpi_facts',
  projection: SALES_FACTS_PROJECTION,
  dimensions: [
    { dimension: 'brand', column: 'brand' },
    { dimension: 'model', column: 'model' },
    { dimension: 'channel', column: 'channel' },
    { dimension: 'consultant', column: 'consultant_id' },
  ],
  measures: [
    {
      column: 'leads',
      datedBy: "LeadCaptured's time (the lead's capture date, also when a LeadAssigned moves it)",
      events: ['LeadCaptured', 'LeadAssigned'],
      description: "Leads captured, on the capture date, credited to the lead's current assignee",
    },
    {
      column: 'leads_visited',
      datedBy: "LeadCaptured's time (the lead's capture date)",
      events: ['ShowroomVisitRecorded'],
      description: "Leads with at least one showroom visit, counted once per lead on the lead's capture date",
    },
    {
      column: 'first_visits',
      events: ['ShowroomVisitRecorded'],
      description: 'First visits (visitKind first), on the visit date, credited to the receiving consultant',
    },
    {
      column: 'test_drives',
      events: ['TestDriveCompleted'],
      description: 'Test drives completed, on the test-drive date, credited to the accompanying consultant',
    },
    {
      column: 'orders',
      datedBy: "OrderSigned's time (the signing date, also when an OrderCancelled takes it back)",
      events: ['OrderSigned', 'OrderCancelled'],
      description: 'Orders signed and not cancelled, on the signing date, credited as the order is (online → online specialist)',
    },
    {
      column: 'online_orders',
      datedBy: "OrderSigned's time (the signing date)",
      events: ['OrderSigned', 'OrderCancelled'],
      description: 'Online orders (网络订单) signed and not cancelled, on the signing date',
    },
    { column: 'orders_cancelled', events: ['OrderCancelled'], description: 'Orders cancelled, on the cancellation date, with the dimensions of the order' },
    {
      column: 'lead_to_order_days',
      datedBy: "OrderSigned's time (the signing date)",
      events: ['LeadCaptured', 'OrderSigned', 'OrderCancelled'],
      description: "Σ calendar days from the lead's capture date to the signing date, over orders not cancelled",
    },
    {
      column: 'lead_to_order_orders',
      datedBy: "OrderSigned's time (the signing date)",
      events: ['LeadCaptured', 'OrderSigned', 'OrderCancelled'],
      description: 'Orders not cancelled whose lead capture date is known (the count behind lead_to_order_days)',
    },
    { column: 'deliveries', events: ['VehicleDelivered'], description: 'Vehicles delivered, on the delivery date, credited as the order is' },
    { column: 'revenue_fen', events: ['VehicleDelivered'], description: 'Σ vehicle price of deliveries, in fen' },
    {
      column: 'gross_profit_fen',
      datedBy: "VehicleDelivered's time (the delivery)",
      events: ['OrderSigned', 'VehicleDelivered'],
      description: "Σ (delivered price − the order's vehicle cost) of deliveries whose order was seen, in fen",
    },
    {
      column: 'deliveries_costed',
      datedBy: "VehicleDelivered's time (the delivery)",
      events: ['OrderSigned', 'VehicleDelivered'],
      description: 'Deliveries whose order (and so its cost) was seen: the count behind gross_profit_fen',
    },
  ],
} as const satisfies FactTable;

export type SalesFactColumn = (typeof salesFactTable.measures)[number]['column'];

export const SALES_FACT_COLUMNS = salesFactTable.measures.map((m) => m.column) as readonly SalesFactColumn[];

/** The fact table's DDL, derived from the definition above so the table and the dictionary cannot drift. */
export const salesFactTableDdl = (): string => factTableDdl(salesFactTable);
