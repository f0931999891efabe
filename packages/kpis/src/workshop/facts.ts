import { type FactTable } from '../dictionary/types.js';

/** Name of the projection writing both workshop fact tables and their helper tables. */
export const WORKSHOP_FACTS_PROJECTION = 'workshop_kpi_facts';

/**
 * RO types of the mechanical workshop (机电维修): the "repair vehicles" of 单车产值. Body/paint and insurance
 * jobs (钣喷/事故车) have their own average, and campaign inspections are free of charge.
 */
export const REPAIR_VEHICLE_RO_TYPES = ['maintenance', 'first_service', 'repair', 'warranty'] as const;

const RO_DIMENSIONS = [
  { dimension: 'brand', column: 'brand' },
  { dimension: 'roType', column: 'ro_type' },
  { dimension: 'serviceAdvisor', column: 'service_advisor_id' },
] as const;

/**
 * Additive workshop facts per (store, business date, brand, RO type, SA). Every column is a count or a sum.
 * Each fact sits on the business date (occurredAt in the store's zone) of the event named in its description;
 * a fact about an appointment sits on the slot's date, a follow-up fact on the date the follow-up opened
 * (the release), so a rate's numerator and denominator always count the same things.
 */
export const workshopFactTable = {
  table: 'workshop_kpi_facts',
  projection: WORKSHOP_FACTS_PROJECTION,
  dimensions: RO_DIMENSIONS,
  measures: [
    { column: 'vehicles_in', events: ['RepairOrderOpened'], description: 'Repair orders opened (入厂台次), on the opening date' },
    { column: 'ros_from_appointment', events: ['RepairOrderOpened'], description: 'Repair orders opened with an appointmentId, on the opening date' },
    {
      column: 'comebacks',
      events: ['RepairOrderOpened'],
      description:
        "Repair orders opened as a comeback (返修, comebackOf set), on the comeback's opening date, credited to the original RO's brand, RO type and SA when the original was seen",
    },
    {
      column: 'appointments_due',
      datedBy: "the appointment's data.slotStart (its date in the store's zone)",
      events: ['AppointmentArrived', 'AppointmentNoShow'],
      description: "Appointments that came or did not (cancelled ones excluded), on the slot's date, with the booking's RO type and SA",
    },
    {
      column: 'appointments_no_show',
      datedBy: "the appointment's data.slotStart (its date in the store's zone)",
      events: ['AppointmentNoShow'],
      description: "Appointments recorded as a no-show, on the slot's date",
    },
    { column: 'ros_invoiced', events: ['RepairOrderInvoiced'], description: 'Repair orders invoiced, on the invoice date' },
    {
      column: 'output_fen',
      events: ['RepairOrderInvoiced'],
      description: 'Σ (labour + parts) of invoiced ROs before discount (产值), in fen, on the invoice date',
    },
    { column: 'labour_fen', events: ['RepairOrderInvoiced'], description: 'Σ labour of invoiced ROs before discount, in fen' },
    { column: 'parts_fen', events: ['RepairOrderInvoiced'], description: 'Σ parts of invoiced ROs before discount, in fen' },
    {
      column: 'repair_output_fen',
      events: ['RepairOrderInvoiced'],
      description: 'Σ output of invoiced ROs of type maintenance, first_service, repair or warranty, in fen',
    },
    { column: 'repair_ros_invoiced', events: ['RepairOrderInvoiced'], description: 'Invoiced ROs of type maintenance, first_service, repair or warranty' },
    { column: 'insurance_output_fen', events: ['RepairOrderInvoiced'], description: 'Σ output of invoiced ROs of type insurance_claim, in fen' },
    { column: 'insurance_ros_invoiced', events: ['RepairOrderInvoiced'], description: 'Invoiced ROs of type insurance_claim' },
    { column: 'body_paint_output_fen', events: ['RepairOrderInvoiced'], description: 'Σ output of invoiced ROs of type body_paint (钣喷), in fen' },
    {
      column: 'warranty_claims_decided',
      events: ['WarrantyClaimApproved', 'WarrantyClaimRejected'],
      description: "Warranty claims the OEM approved or rejected, on the decision date, with the claimed RO's RO type and SA when seen",
    },
    {
      column: 'warranty_claims_approved',
      events: ['WarrantyClaimApproved'],
      description: 'Warranty claims approved (also when for less than claimed), on the decision date',
    },
    { column: 'follow_ups_opened', events: ['FollowUpOpened'], description: 'Released ROs whose follow-up opened (回访), on the date it opened (the release)' },
    {
      column: 'follow_ups_on_time',
      datedBy: "FollowUpOpened's time (the release date)",
      events: ['FollowUpOpened', 'FollowUpCallCompleted'],
      description: 'Of those, the ones whose first call was made within its window (onTime), counted on the date the follow-up opened',
    },
    {
      column: 'follow_ups_overdue',
      events: ['FollowUpOverdue'],
      description: 'Follow-up calls (first or second) whose window closed without a call, on the date it was marked',
    },
    {
      column: 'follow_up_calls',
      events: ['FollowUpCallCompleted'],
      description: 'Follow-up calls that reached the customer (first and second), on the call date',
    },
    {
      column: 'follow_up_calls_satisfied',
      events: ['FollowUpCallCompleted'],
      description: 'Of those, calls with satisfied = true (satisfaction 4 or 5), on the call date',
    },
    {
      column: 'complaints',
      events: ['ComplaintReceived'],
      description: "Complaints received, on the receiving date, with the complaint's brand and SA (and the RO's type when it names a seen RO)",
    },
    { column: 'major_complaints', events: ['ComplaintReceived'], description: 'Of those, complaints of severity major' },
    {
      column: 'complaints_resolved',
      events: ['ComplaintReceived', 'ComplaintResolved'],
      description: "Complaints resolved, on the resolution date, with the complaint's brand, RO type and SA",
    },
    {
      column: 'complaint_resolution_minutes',
      events: ['ComplaintReceived', 'ComplaintResolved'],
      description: 'Σ whole minutes from ComplaintResolved.receivedAt to its occurredAt, over those complaints (the sum behind the average resolution time)',
    },
    {
      column: 'parts_issued_fen',
      events: ['PartsIssuedToRepairOrder', 'PartsReturnedFromRepairOrder'],
      description:
        "Σ retail value of parts the parts context issued to repair orders less returns, in fen, on the issue (return) date, credited to the RO's brand, RO type and SA when the RO was seen",
    },
    {
      column: 'loyal_customers',
      events: ['CustomerClassified'],
      description: 'Customers classified loyal (忠诚) in the period, on the classification date, by brand',
    },
    {
      column: 'lost_customers',
      events: ['CustomerClassified'],
      description: 'Customers classified lost (流失) in the period, on the classification date, by brand',
    },
  ],
} as const satisfies FactTable;

/**
 * Output credited to technicians per (store, business date, brand, RO type, SA, technician): an invoiced RO's
 * labour + parts split by each technician's share of its labour hours (evenly when no hours were booked),
 * rounded so the shares add up to the RO's output exactly.
 */
export const workshopTechnicianFactTable = {
  table: 'workshop_kpi_technician_facts',
  projection: WORKSHOP_FACTS_PROJECTION,
  dimensions: [...RO_DIMENSIONS, { dimension: 'technician', column: 'technician_id' }],
  measures: [
    { column: 'technician_output_fen', events: ['RepairOrderInvoiced'], description: "The technician's share of invoiced output, in fen, on the invoice date" },
    { column: 'technician_jobs', events: ['RepairOrderInvoiced'], description: 'Invoiced ROs the technician is credited on, on the invoice date' },
  ],
} as const satisfies FactTable;

export type WorkshopFactColumn = (typeof workshopFactTable.measures)[number]['column'];
export type WorkshopTechnicianFactColumn = (typeof workshopTechnicianFactTable.measures)[number]['column'];
