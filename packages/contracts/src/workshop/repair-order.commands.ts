import { z } from 'zod';
import { defineCommand } from '../define.js';
import { brand, businessDate, chinesePlate, entityId, isoDateTime, money, note, vehicleModel, vin } from '../common.js';
import {
  WORKSHOP_CONTEXT,
  appointmentId,
  estimate,
  labourHours,
  payer,
  repairOrderId,
  repairOrderType,
  serviceAdvisorId,
  technicianHours,
  technicianId,
  workshopCustomerId,
  workshopRoles as r,
} from './values.js';

// Repair order commands. Who may send what follows the separation the store documents insist on:
// only the dispatcher dispatches, only an inspector checks quality.

const frontDesk = [r.serviceAdvisor, r.serviceManager, r.admin];

export const OpenRepairOrder = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'OpenRepairOrder',
  description: 'Receive a vehicle and open a repair order; a comeback names the original RO.',
  roles: frontDesk,
  internal: false,
  schema: z.strictObject({
    repairOrderId,
    roType: repairOrderType,
    serviceAdvisorId,
    vin,
    plate: chinesePlate.optional().describe('Licence plate, if registered'),
    brand,
    model: vehicleModel,
    customerId: workshopCustomerId,
    mileageKm: z.int().min(0).max(2_000_000).describe('Odometer reading at intake, km'),
    complaint: note.optional().describe("Customer's description of the problem"),
    appointmentId: appointmentId.optional().describe('The appointment this RO came from, if any'),
    comebackOf: repairOrderId.optional().describe('Original released RO this comeback repeats'),
  }),
});

export const AgreeEstimate = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'AgreeEstimate',
  description: 'Record that the customer agreed the estimate (stage 1 of 维修前/中/后 communication).',
  roles: frontDesk,
  internal: false,
  schema: z.strictObject({
    repairOrderId,
    estimate,
    promisedAt: isoDateTime.optional().describe('Hand-back time promised to the customer'),
  }),
});

export const DispatchJob = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'DispatchJob',
  description: 'Assign the job to technicians on the roster; only the dispatcher may do this.',
  roles: [r.dispatcher, r.admin],
  internal: false,
  schema: z.strictObject({
    repairOrderId,
    technicianIds: z.array(technicianId).min(1).max(10).describe('Technicians to assign (must be active on the roster)'),
    estimatedHours: labourHours.optional().describe('Planned labour hours'),
  }),
});

export const ReportProgress = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'ReportProgress',
  description: 'Report a finding during the work and whether the customer agreed the extra work (stage 2).',
  roles: [r.technician, r.serviceAdvisor, r.dispatcher, r.admin],
  internal: false,
  schema: z.strictObject({
    repairOrderId,
    finding: note.describe('What was found'),
    additionalEstimate: money.optional().describe('Extra cost proposed to the customer'),
    customerAgreed: z.boolean().describe('The customer agreed the extra work'),
  }),
});

export const CompleteWork = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'CompleteWork',
  description: 'Finish the job with the labour hours of each dispatched technician.',
  roles: [r.technician, r.dispatcher, r.admin],
  internal: false,
  schema: z.strictObject({ repairOrderId, technicians: technicianHours }),
});

export const RecordQualityCheck = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RecordQualityCheck',
  description: 'Record the final inspection; a failure sends the job back to the technicians.',
  roles: [r.qualityInspector, r.dispatcher, r.admin],
  internal: false,
  schema: z.strictObject({ repairOrderId, passed: z.boolean().describe('The job passed'), note: note.optional() }),
});

export const RecordVehicleWash = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RecordVehicleWash',
  description: 'Record that the vehicle was washed.',
  roles: [r.washer, r.serviceAdvisor, r.admin],
  internal: false,
  schema: z.strictObject({ repairOrderId }),
});

export const InvoiceRepairOrder = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'InvoiceRepairOrder',
  description: 'Invoice the repair order: labour, parts, discount and who pays.',
  roles: [r.cashier, r.serviceAdvisor, r.admin],
  internal: false,
  schema: z.strictObject({
    repairOrderId,
    invoiceId: entityId.describe('Invoice id'),
    payer,
    insurer: z.string().min(1).max(100).optional().describe('Insurer paying; required when payer is insurer'),
    labour: money.describe('Labour amount before discount'),
    parts: money.describe('Parts amount before discount'),
    discount: money.describe('Discount; at most labour + parts'),
  }),
});

export const ReleaseVehicle = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'ReleaseVehicle',
  description: 'Hand the vehicle back to the customer; only after the invoice.',
  roles: frontDesk,
  internal: false,
  schema: z.strictObject({
    repairOrderId,
    nextMaintenanceDueOn: businessDate.optional().describe('Next maintenance date advised to the customer'),
  }),
});

export const repairOrderCommands = [
  OpenRepairOrder,
  AgreeEstimate,
  DispatchJob,
  ReportProgress,
  CompleteWork,
  RecordQualityCheck,
  RecordVehicleWash,
  InvoiceRepairOrder,
  ReleaseVehicle,
] as const;
