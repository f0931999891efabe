import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { brand, chinesePlate, isoDateTime, note, personName, phone, vehicleModel, vin } from '../common.js';
import { WORKSHOP_CONTEXT, appointmentId, repairOrderType, serviceAdvisorId, workshopCustomerId, workshopRoles as r } from './values.js';

// Appointments (预约): booked for a slot → arrived | no-show | cancelled. Appointment rate and no-show rate
// are computed from these events and RepairOrderOpened.appointmentId.

const slotStart = isoDateTime.describe('Start of the booked slot');
const booking = {
  appointmentId,
  customerId: workshopCustomerId,
  customerName: personName.describe("Customer's name (personal data)"),
  customerPhone: phone.describe("Customer's phone (personal data)"),
  vin: vin.optional().describe('VIN, when the vehicle is known'),
  plate: chinesePlate.optional().describe('Licence plate'),
  brand,
  model: vehicleModel.optional().describe('Vehicle model'),
  serviceAdvisorId: serviceAdvisorId.optional().describe('SA the customer is booked with'),
  roType: repairOrderType.describe('Expected kind of job'),
  slotStart,
  slotEnd: isoDateTime.describe('End of the booked slot'),
  source: z.enum(['inbound_call', 'outbound_call', 'online', 'walk_in_rebooking', 'reminder']).describe('How the booking was made'),
};

export const AppointmentBooked = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'AppointmentBooked',
  description: 'A service appointment was booked for a slot (load levelling, 预约率).',
  personalData: ['customerName', 'customerPhone'],
  schema: z.object({ ...booking, slotDate: z.iso.date().describe('Business date of the slot in the store time zone') }),
});

export const AppointmentArrived = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'AppointmentArrived',
  description: 'The customer arrived for the appointment.',
  schema: z.object({ appointmentId, brand, slotStart, late: z.boolean().describe('Arrived after the slot ended') }),
});

export const AppointmentNoShow = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'AppointmentNoShow',
  description: 'The customer did not come for the booked slot.',
  schema: z.object({ appointmentId, brand, slotStart }),
});

export const AppointmentCancelled = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'AppointmentCancelled',
  description: 'The appointment was cancelled before the customer came.',
  schema: z.object({ appointmentId, brand, reason: note.describe('Why it was cancelled') }),
});

const desk = [r.serviceAdvisor, r.followUpClerk, r.customerServiceManager, r.serviceManager, r.admin];

export const BookAppointment = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'BookAppointment',
  description: 'Book a service appointment for a slot in the future.',
  roles: desk,
  schema: z.strictObject(booking),
});

export const RecordAppointmentArrival = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RecordAppointmentArrival',
  description: 'Record that the customer arrived for a booked appointment.',
  roles: desk,
  schema: z.strictObject({ appointmentId }),
});

export const RecordAppointmentNoShow = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RecordAppointmentNoShow',
  description: 'Record that the customer did not come; only once the slot has started.',
  roles: desk,
  schema: z.strictObject({ appointmentId }),
});

export const CancelAppointment = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'CancelAppointment',
  description: 'Cancel a booked appointment.',
  roles: desk,
  schema: z.strictObject({ appointmentId, reason: note.describe('Why it is cancelled') }),
});

export const CheckAppointmentNoShow = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'CheckAppointmentNoShow',
  description: 'Timer: record a no-show when the customer neither came nor cancelled by the set minutes after the slot ended.',
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({ appointmentId }),
});

export const appointmentEvents = [AppointmentBooked, AppointmentArrived, AppointmentNoShow, AppointmentCancelled] as const;
export const appointmentCommands = [BookAppointment, RecordAppointmentArrival, RecordAppointmentNoShow, CancelAppointment, CheckAppointmentNoShow] as const;
