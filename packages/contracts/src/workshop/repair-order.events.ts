import { z } from 'zod';
import { defineEvent } from '../define.js';
import { brand, businessDate, chinesePlate, employeeId, entityId, isoDateTime, money, note, vehicleModel, vin } from '../common.js';
import {
  WORKSHOP_CONTEXT,
  appointmentId,
  estimate,
  invoiceAmounts,
  payer,
  repairOrderId,
  repairOrderType,
  serviceAdvisorId,
  technicianHours,
  technicianId,
  labourHours,
  workshopCustomerId,
} from './values.js';

// Repair order (工单) stream events, in the order a job goes through the workshop. Each carries the
// dimensions the KPI projections need (brand, RO type, SA, technicians) so no projection joins streams.

const roDimensions = {
  repairOrderId,
  brand,
  roType: repairOrderType,
  serviceAdvisorId,
};

export const RepairOrderOpened = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'RepairOrderOpened',
  description: 'An SA received a vehicle and opened a repair order (接车开单); counts as a vehicle in (入厂台次).',
  schema: z.object({
    ...roDimensions,
    vin,
    plate: chinesePlate.optional().describe('Licence plate, if registered'),
    model: vehicleModel,
    customerId: workshopCustomerId,
    mileageKm: z.int().min(0).max(2_000_000).describe('Odometer reading at intake, km'),
    complaint: note.optional().describe("Customer's description of the problem"),
    appointmentId: appointmentId.optional().describe('The appointment this RO came from (预约), if any'),
    comebackOf: repairOrderId.optional().describe('Original repair order this comeback (返修) repeats'),
    openedOn: businessDate.describe('Business date of intake in the store time zone'),
  }),
});

export const EstimateAgreed = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'EstimateAgreed',
  description: 'Stage 1 of the three-stage communication: the customer agreed the estimate before work starts.',
  schema: z.object({
    repairOrderId,
    estimate,
    promisedAt: isoDateTime.optional().describe('Hand-back time promised to the customer'),
    agreedBy: serviceAdvisorId.describe('SA who agreed the estimate with the customer'),
  }),
});

export const JobDispatched = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'JobDispatched',
  description: 'The dispatcher assigned the job to technicians (technicians never pick their own jobs, 维修挑单).',
  schema: z.object({
    repairOrderId,
    dispatcherId: employeeId.describe('Workshop dispatcher who assigned the job'),
    technicianIds: z.array(technicianId).min(1).describe('Technicians assigned'),
    estimatedHours: labourHours.optional().describe('Planned labour hours'),
  }),
});

export const ProgressReported = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'ProgressReported',
  description: 'Stage 2 of the three-stage communication: a finding during the work, told to the customer.',
  schema: z.object({
    repairOrderId,
    reportedBy: employeeId.describe('Technician or SA reporting'),
    finding: note.describe('What was found'),
    additionalEstimate: money.optional().describe('Extra cost proposed to the customer'),
    customerAgreed: z.boolean().describe('The customer agreed the extra work'),
  }),
});

export const WorkCompleted = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'WorkCompleted',
  description: 'The technicians finished the job; labour hours are credited per technician.',
  schema: z.object({
    ...roDimensions,
    technicians: technicianHours,
    labourHours: labourHours.describe('Total labour hours of the job'),
  }),
});

export const QualityChecked = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'QualityChecked',
  description: 'Final inspection (质检); a failed check sends the job back to the technicians.',
  schema: z.object({
    repairOrderId,
    inspectorId: employeeId.describe('Quality inspector'),
    passed: z.boolean().describe('The job passed the check'),
    note: note.optional(),
  }),
});

export const VehicleWashed = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'VehicleWashed',
  description: 'The vehicle was washed before hand-back (洗车).',
  schema: z.object({
    repairOrderId,
    washedBy: employeeId.describe('Washer'),
  }),
});

export const RepairOrderInvoiced = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'RepairOrderInvoiced',
  description: 'The repair order was invoiced (结算); its output (产值) is labour + parts.',
  schema: z.object({
    ...roDimensions,
    invoiceId: entityId.describe('Invoice id'),
    payer,
    insurer: z.string().min(1).max(100).optional().describe('Insurer paying, when payer is insurer'),
    amounts: invoiceAmounts,
    technicians: technicianHours.describe('Technicians and their labour hours, for output per technician'),
    comeback: z.boolean().describe('This RO is a comeback (返修) of an earlier one'),
    invoicedOn: businessDate.describe('Business date of the invoice'),
  }),
});

export const VehicleReleased = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'VehicleReleased',
  description: 'The vehicle was handed back to the customer (出厂/交车); starts the follow-up clock.',
  schema: z.object({
    ...roDimensions,
    vin,
    model: vehicleModel,
    customerId: workshopCustomerId,
    mileageKm: z.int().min(0).max(2_000_000).describe('Odometer reading at intake, km'),
    releasedOn: businessDate.describe('Business date of release in the store time zone'),
    nextMaintenanceDueOn: businessDate.optional().describe('Next maintenance date advised to the customer, if any'),
    releasedBy: serviceAdvisorId.describe('SA who handed the vehicle back'),
  }),
});

export const repairOrderEvents = [
  RepairOrderOpened,
  EstimateAgreed,
  JobDispatched,
  ProgressReported,
  WorkCompleted,
  QualityChecked,
  VehicleWashed,
  RepairOrderInvoiced,
  VehicleReleased,
] as const;
