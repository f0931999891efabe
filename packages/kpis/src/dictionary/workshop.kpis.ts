import { workshopFactTable, workshopTechnicianFactTable } from '../workshop/facts.js';
import { type KpiDefinition } from './types.js';

// Workshop KPIs (docs/domain/workshop.md). Facts live in `workshop_kpi_facts` and `workshop_kpi_technician_facts`, both
// written by the `workshop_kpi_facts` projection. Benchmarks are the standards the documents state (docs/domain/targets.md); per-store
// monthly targets are data loaded by HQ (store targets, see query/store-targets.ts).

type Def = Omit<KpiDefinition, 'domain' | 'factTable' | 'version'> & { version?: number };
const kpi = (d: Def): KpiDefinition => ({ domain: 'workshop', factTable: workshopFactTable, version: 1, ...d });
const technicianKpi = (d: Def): KpiDefinition => ({ domain: 'workshop', factTable: workshopTechnicianFactTable, version: 1, ...d });

/** Customer classes carry only a brand; RO type and SA are not theirs to break down by. */
const BY_BRAND = ['store', 'brand'] as const;

export const workshopKpis: readonly KpiDefinition[] = [
  kpi({
    name: 'workshop.vehiclesIn',
    labels: { en: 'Vehicles in', zh: '入厂台次' },
    description: "Repair orders opened in the period (one per vehicle intake), on the opening date, credited to the RO's SA.",
    unit: 'count',
    formula: { text: 'count of RepairOrderOpened', numerator: { fact: 'vehicles_in' } },
    target: 'repairVehicles',
    benchmark: { op: '>=', value: 20, per: 'day' },
  }),
  kpi({
    name: 'workshop.appointmentRate',
    labels: { en: 'Appointment rate', zh: '预约率' },
    description: 'Share of the repair orders opened in the period that came from an appointment.',
    unit: 'ratio',
    formula: {
      text: 'count of RepairOrderOpened with appointmentId ÷ count of RepairOrderOpened (both on the opening date)',
      numerator: { fact: 'ros_from_appointment' },
      denominator: { fact: 'vehicles_in' },
    },
  }),
  kpi({
    name: 'workshop.noShowRate',
    labels: { en: 'No-show rate', zh: '预约爽约率' },
    description:
      "Share of the appointments whose slot fell in the period that were no-shows; cancelled appointments do not count. Dated by the slot's start in the store's zone.",
    unit: 'ratio',
    formula: {
      text: 'count of AppointmentNoShow ÷ (count of AppointmentArrived + count of AppointmentNoShow), by slot date',
      numerator: { fact: 'appointments_no_show' },
      denominator: { fact: 'appointments_due' },
    },
  }),
  kpi({
    name: 'workshop.rosInvoiced',
    labels: { en: 'Repair orders invoiced', zh: '结算台次' },
    description: 'Repair orders invoiced in the period, on the invoice date.',
    unit: 'count',
    formula: { text: 'count of RepairOrderInvoiced', numerator: { fact: 'ros_invoiced' } },
  }),
  kpi({
    name: 'workshop.output',
    labels: { en: 'Output', zh: '产值' },
    description:
      'Labour + parts of the repair orders invoiced in the period, before discount, in fen, on the invoice date; break down by roType for output by RO type. Compared with the after-sales revenue target (售后产值).',
    unit: 'fen',
    formula: { text: 'Σ (RepairOrderInvoiced.amounts.labour + RepairOrderInvoiced.amounts.parts)', numerator: { fact: 'output_fen' } },
    target: 'afterSalesRevenue',
  }),
  kpi({
    name: 'workshop.labourOutput',
    labels: { en: 'Labour output', zh: '工时产值' },
    description: 'Labour of the repair orders invoiced in the period, before discount, in fen.',
    unit: 'fen',
    formula: { text: 'Σ RepairOrderInvoiced.amounts.labour', numerator: { fact: 'labour_fen' } },
  }),
  kpi({
    name: 'workshop.partsOutput',
    labels: { en: 'Parts output', zh: '配件产值' },
    description: 'Parts of the repair orders invoiced in the period, before discount, in fen.',
    unit: 'fen',
    formula: { text: 'Σ RepairOrderInvoiced.amounts.parts', numerator: { fact: 'parts_fen' } },
  }),
  kpi({
    name: 'workshop.partsIssued',
    labels: { en: 'Parts issued to repair orders', zh: '维修领料金额' },
    description:
      "Retail value of the parts the parts counter issued to repair orders in the period less returns, in fen, from the parts context's events (the RO's parts output as booked, before invoicing), credited to the RO's brand, RO type and SA.",
    unit: 'fen',
    formula: { text: 'Σ PartsIssuedToRepairOrder.amount − Σ PartsReturnedFromRepairOrder.amount', numerator: { fact: 'parts_issued_fen' } },
  }),
  kpi({
    name: 'workshop.avgOutputPerRepairVehicle',
    labels: { en: 'Average output per repair vehicle', zh: '机修单车产值' },
    description: 'Output per invoiced repair order of the mechanical workshop (RO types maintenance, first_service, repair, warranty), in fen.',
    unit: 'fen',
    formula: {
      text: 'Σ (labour + parts) of RepairOrderInvoiced with roType in (maintenance, first_service, repair, warranty) ÷ count of those RepairOrderInvoiced',
      numerator: { fact: 'repair_output_fen' },
      denominator: { fact: 'repair_ros_invoiced' },
    },
    benchmark: { op: '>=', value: 80_000 },
  }),
  kpi({
    name: 'workshop.avgOutputPerInsuranceVehicle',
    labels: { en: 'Average output per insurance vehicle', zh: '事故车单车产值' },
    description: 'Output per invoiced insurance-claim repair order (roType insurance_claim), in fen.',
    unit: 'fen',
    formula: {
      text: 'Σ (labour + parts) of RepairOrderInvoiced with roType = insurance_claim ÷ count of those RepairOrderInvoiced',
      numerator: { fact: 'insurance_output_fen' },
      denominator: { fact: 'insurance_ros_invoiced' },
    },
    benchmark: { op: '>=', value: 180_000 },
  }),
  technicianKpi({
    name: 'workshop.outputPerTechnician',
    labels: { en: 'Output per technician', zh: '人均产值' },
    description:
      "Output credited to technicians (each invoiced RO's labour + parts split by the technicians' labour hours) ÷ the technicians credited with at least one invoiced RO in the period, in fen.",
    unit: 'fen',
    formula: {
      text: 'Σ technician shares of (labour + parts) of RepairOrderInvoiced ÷ number of distinct technicians on RepairOrderInvoiced.technicians',
      numerator: { fact: 'technician_output_fen' },
      denominator: { distinct: 'technician' },
    },
  }),
  technicianKpi({
    name: 'workshop.jobsPerTechnician',
    labels: { en: 'Jobs per technician', zh: '人均维修台次' },
    description: 'Invoiced repair orders per technician credited with at least one in the period (an RO with two technicians is a job for each).',
    unit: 'count',
    formula: {
      text: 'count of (RepairOrderInvoiced, technician) pairs ÷ number of distinct technicians on RepairOrderInvoiced.technicians',
      numerator: { fact: 'technician_jobs' },
      denominator: { distinct: 'technician' },
    },
  }),
  kpi({
    name: 'workshop.comebackRate',
    labels: { en: 'Comeback rate', zh: '返修率' },
    description:
      "Comebacks opened in the period ÷ repair orders opened in the period. A comeback is credited to the original RO's brand, RO type and SA (who did the work), when the original was seen.",
    unit: 'ratio',
    formula: {
      text: 'count of RepairOrderOpened with comebackOf ÷ count of RepairOrderOpened (both on the opening date)',
      numerator: { fact: 'comebacks' },
      denominator: { fact: 'vehicles_in' },
    },
    benchmark: { op: '<=', value: 0.02 },
  }),
  kpi({
    name: 'workshop.warrantyApprovalRate',
    labels: { en: 'Warranty approval rate', zh: '索赔通过率' },
    description: 'Warranty claims the OEM approved (even partly) ÷ claims it decided in the period, on the decision date.',
    unit: 'ratio',
    formula: {
      text: 'count of WarrantyClaimApproved ÷ (count of WarrantyClaimApproved + count of WarrantyClaimRejected)',
      numerator: { fact: 'warranty_claims_approved' },
      denominator: { fact: 'warranty_claims_decided' },
    },
    benchmark: { op: '>=', value: 0.95 },
  }),
  kpi({
    name: 'workshop.followUpOnTimeRate',
    labels: { en: 'Follow-up on-time rate', zh: '回访及时率' },
    description:
      'Of the vehicles released in the period (follow-up opened), the share whose first follow-up call was made by the last day of its window (3 working days by default); both on the release date, so a late or missing call counts against the release day.',
    unit: 'ratio',
    formula: {
      text: 'count of FollowUpCallCompleted with call = first and onTime ÷ count of FollowUpOpened (both on the FollowUpOpened date)',
      numerator: { fact: 'follow_ups_on_time' },
      denominator: { fact: 'follow_ups_opened' },
    },
  }),
  kpi({
    name: 'workshop.followUpsOverdue',
    labels: { en: 'Overdue follow-ups', zh: '超期未回访数' },
    description: 'Follow-up calls (first or second) marked overdue in the period, on the date they were marked.',
    unit: 'count',
    formula: { text: 'count of FollowUpOverdue', numerator: { fact: 'follow_ups_overdue' } },
  }),
  kpi({
    name: 'workshop.csi',
    labels: { en: 'Customer satisfaction (CSI)', zh: '客户满意度' },
    description:
      'Satisfied follow-up calls (satisfaction 4 or 5) ÷ follow-up calls that reached the customer in the period (first and second calls), on the call date.',
    unit: 'ratio',
    formula: {
      text: 'count of FollowUpCallCompleted with satisfied ÷ count of FollowUpCallCompleted',
      numerator: { fact: 'follow_up_calls_satisfied' },
      denominator: { fact: 'follow_up_calls' },
    },
    benchmark: { op: '>=', value: 0.93 },
  }),
  kpi({
    name: 'workshop.complaints',
    labels: { en: 'Complaints', zh: '投诉数' },
    description: "Complaints received in the period, on the receiving date, credited to the complaint's SA and brand (or its RO's).",
    unit: 'count',
    formula: { text: 'count of ComplaintReceived', numerator: { fact: 'complaints' } },
  }),
  kpi({
    name: 'workshop.majorComplaints',
    labels: { en: 'Major complaints', zh: '重大投诉数' },
    description: 'Complaints of severity major received in the period.',
    unit: 'count',
    formula: { text: 'count of ComplaintReceived with severity = major', numerator: { fact: 'major_complaints' } },
  }),
  kpi({
    name: 'workshop.complaintResolutionTime',
    labels: { en: 'Average complaint resolution time', zh: '投诉平均处理时长（分钟）' },
    description: 'Average minutes from receiving a complaint to resolving it, over the complaints resolved in the period (on the resolution date).',
    unit: 'minutes',
    formula: {
      text: 'Σ (ComplaintResolved time − ComplaintResolved.receivedAt) in whole minutes ÷ count of ComplaintResolved',
      numerator: { fact: 'complaint_resolution_minutes' },
      denominator: { fact: 'complaints_resolved' },
    },
  }),
  kpi({
    name: 'workshop.loyalCustomers',
    labels: { en: 'New loyal customers', zh: '新增忠诚客户数' },
    description: 'Customers who became loyal in the period (3 visits in 12 months by default), on the classification date: a flow, not the standing count.',
    unit: 'count',
    formula: { text: 'count of CustomerClassified with class = loyal', numerator: { fact: 'loyal_customers' } },
    dimensions: BY_BRAND,
  }),
  kpi({
    name: 'workshop.lostCustomers',
    labels: { en: 'New lost customers', zh: '新增流失客户数' },
    description: 'Customers who became lost in the period (no visit for 12 months by default), on the classification date: a flow, not the standing count.',
    unit: 'count',
    formula: { text: 'count of CustomerClassified with class = lost', numerator: { fact: 'lost_customers' } },
    dimensions: BY_BRAND,
  }),
  kpi({
    name: 'workshop.bodyPaintShare',
    labels: { en: 'Body and paint share of output', zh: '钣喷产值占比' },
    description: 'Output of body_paint repair orders ÷ all output invoiced in the period.',
    unit: 'ratio',
    formula: {
      text: 'Σ (labour + parts) of RepairOrderInvoiced with roType = body_paint ÷ Σ (labour + parts) of RepairOrderInvoiced',
      numerator: { fact: 'body_paint_output_fen' },
      denominator: { fact: 'output_fen' },
    },
  }),
];
