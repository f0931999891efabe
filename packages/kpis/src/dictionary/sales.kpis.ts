import { salesFactTable } from '../sales/facts.js';
import { type KpiDefinition } from './types.js';

// Sales KPIs (docs/domain/sales.md). Facts live in `sales_kpi_facts`, written by the `sales_kpi_facts` projection.

const kpi = (definition: Omit<KpiDefinition, 'domain' | 'factTable'>): KpiDefinition => ({ domain: 'sales', factTable: salesFactTable, ...definition });

export const salesKpis: readonly KpiDefinition[] = [
  kpi({
    name: 'sales.leads',
    labels: { en: 'Leads', zh: '潜客数（留资）' },
    description: "Leads captured, by capture date; credited to the lead's current assignee.",
    version: 1,
    unit: 'count',
    formula: { text: 'count of LeadCaptured', numerator: { fact: 'leads' } },
  }),
  kpi({
    name: 'sales.firstVisits',
    labels: { en: 'First visits', zh: '首次到店批次' },
    description: 'Parties on their first showroom visit, by visit date and receiving consultant.',
    version: 1,
    unit: 'count',
    formula: { text: 'count of ShowroomVisitRecorded with visitKind = first', numerator: { fact: 'first_visits' } },
  }),
  kpi({
    name: 'sales.arrivalRate',
    labels: { en: 'Arrival rate', zh: '到店率' },
    description: 'Share of the leads captured in the period that have visited the showroom (so far).',
    version: 1,
    unit: 'ratio',
    formula: {
      text: 'leads with at least one ShowroomVisitRecorded ÷ count of LeadCaptured (both on the lead capture date)',
      numerator: { fact: 'leads_visited' },
      denominator: { fact: 'leads' },
    },
  }),
  kpi({
    name: 'sales.testDriveRate',
    labels: { en: 'Test-drive rate', zh: '试驾率' },
    description: 'Test drives per first visit in the period.',
    version: 1,
    unit: 'ratio',
    formula: {
      text: 'count of TestDriveCompleted ÷ count of ShowroomVisitRecorded with visitKind = first',
      numerator: { fact: 'test_drives' },
      denominator: { fact: 'first_visits' },
    },
  }),
  kpi({
    name: 'sales.closeRate',
    labels: { en: 'Close rate', zh: '成交率' },
    description: 'Orders signed in the period (and not cancelled) per lead captured in the period.',
    version: 1,
    unit: 'ratio',
    formula: {
      text: '(count of OrderSigned − count of OrderCancelled) ÷ count of LeadCaptured',
      numerator: { fact: 'orders' },
      denominator: { fact: 'leads' },
    },
  }),
  kpi({
    name: 'sales.orders',
    labels: { en: 'Orders', zh: '订单数' },
    description: 'Orders signed in the period and not cancelled; online orders credited to the online specialist.',
    version: 1,
    unit: 'count',
    formula: { text: 'count of OrderSigned − count of OrderCancelled (on the signing date)', numerator: { fact: 'orders' } },
  }),
  kpi({
    name: 'sales.cancelledOrders',
    labels: { en: 'Cancelled orders', zh: '退订数' },
    description: 'Orders cancelled in the period, by cancellation date, with the dimensions of the order.',
    version: 1,
    unit: 'count',
    formula: { text: 'count of OrderCancelled', numerator: { fact: 'orders_cancelled' } },
  }),
  kpi({
    name: 'sales.deliveries',
    labels: { en: 'Deliveries', zh: '交车数' },
    description: 'Vehicles delivered in the period; compared with the units target.',
    version: 1,
    unit: 'count',
    formula: { text: 'count of VehicleDelivered', numerator: { fact: 'deliveries' } },
    target: 'units',
  }),
  kpi({
    name: 'sales.revenue',
    labels: { en: 'Vehicle revenue', zh: '整车销售收入' },
    description: 'Vehicle price of the deliveries in the period, in fen; compared with the revenue target.',
    version: 1,
    unit: 'fen',
    formula: { text: 'Σ VehicleDelivered.price', numerator: { fact: 'revenue_fen' } },
    target: 'revenue',
  }),
  kpi({
    name: 'sales.grossProfitPerUnit',
    labels: { en: 'Gross profit per unit', zh: '单车毛利' },
    description: "Vehicle gross profit per delivered unit, in fen (deliveries whose order's cost is known).",
    version: 1,
    unit: 'fen',
    formula: {
      text: 'Σ (VehicleDelivered.price − OrderSigned.cost) ÷ count of VehicleDelivered',
      numerator: { fact: 'gross_profit_fen' },
      denominator: { fact: 'deliveries_costed' },
    },
  }),
  kpi({
    name: 'sales.targetAttainment',
    labels: { en: 'Target attainment', zh: '目标达成率' },
    description: 'Deliveries ÷ the monthly units target (SalesTargetSet), prorated by day for periods shorter than a month.',
    version: 1,
    unit: 'ratio',
    formula: { text: 'count of VehicleDelivered ÷ SalesTargetSet.units', numerator: { fact: 'deliveries' }, denominator: { target: 'units' } },
    target: 'units',
    dimensions: ['store', 'consultant'],
  }),
  kpi({
    name: 'sales.onlineOrders',
    labels: { en: 'Online orders', zh: '网络订单数' },
    description: 'Online orders (网络订单) signed in the period and not cancelled.',
    version: 1,
    unit: 'count',
    formula: { text: 'count of OrderSigned with online = true − their OrderCancelled', numerator: { fact: 'online_orders' } },
  }),
  kpi({
    name: 'sales.daysLeadToOrder',
    labels: { en: 'Days lead to order', zh: '平均成交周期（天）' },
    description: 'Average calendar days from lead capture to order signing, over orders signed in the period.',
    version: 1,
    unit: 'days',
    formula: {
      text: 'Σ (OrderSigned date − LeadCaptured date) ÷ count of OrderSigned (orders not cancelled)',
      numerator: { fact: 'lead_to_order_days' },
      denominator: { fact: 'lead_to_order_orders' },
    },
  }),
];
