import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { brand, businessDate, chinesePlate, personName, phone, vehicleModel, vin } from '../common.js';
import { WORKSHOP_CONTEXT, customerClass, reminderKind, repairOrderId, repairOrderType, workshopCustomerId, workshopRoles as r } from './values.js';

// The customer's vehicle file (one stream per VIN): registration, service history, next maintenance due,
// reminders and the loyal / general / lost classification of its owner.

const owner = {
  customerId: workshopCustomerId,
  ownerName: personName.describe("Owner's name (personal data)"),
  ownerPhone: phone.describe("Owner's phone (personal data)"),
  contactConsent: z.boolean().describe('The owner agreed to reminders and follow-up calls'),
};

export const VehicleRegistered = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'VehicleRegistered',
  description: "A vehicle file was opened: from a sales delivery, or at the vehicle's first workshop visit.",
  personalData: ['ownerName', 'ownerPhone'],
  schema: z.object({
    vin,
    plate: chinesePlate.optional().describe('Licence plate'),
    brand,
    model: vehicleModel,
    customerId: workshopCustomerId,
    ownerName: owner.ownerName.optional().describe("Owner's name (personal data); unknown when the file opens at a workshop visit"),
    ownerPhone: owner.ownerPhone.optional().describe("Owner's phone (personal data); unknown when the file opens at a workshop visit"),
    contactConsent: owner.contactConsent,
    deliveredOn: businessDate.optional().describe('Delivery date, for vehicles sold by the store'),
    source: z.enum(['sales_delivery', 'workshop_visit', 'front_desk']).describe('What opened the file'),
    sourceEventId: z.string().min(1).max(64).optional().describe('Id of the sales event that opened the file'),
  }),
});

export const ServiceVisitRecorded = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'ServiceVisitRecorded',
  description: "A released repair order was added to the vehicle's service history.",
  schema: z.object({
    vin,
    customerId: workshopCustomerId,
    repairOrderId,
    roType: repairOrderType,
    brand,
    visitedOn: businessDate.describe('Business date of release'),
    mileageKm: z.int().min(0).max(2_000_000).describe('Odometer reading, km'),
    visitsInWindow: z.int().min(1).describe('Visits in the loyalty window ending with this one'),
  }),
});

export const MaintenanceDueSet = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'MaintenanceDueSet',
  description: 'The next maintenance due date of the vehicle was set; reminders follow it.',
  schema: z.object({
    vin,
    customerId: workshopCustomerId,
    dueOn: businessDate.describe('Next maintenance due date'),
    basis: z.enum(['first_service', 'interval', 'advised']).describe('first_service after delivery, the store interval, or the date the SA advised'),
  }),
});

export const MaintenanceReminderDue = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'MaintenanceReminderDue',
  description: 'A maintenance reminder (保养提醒) is due to the owner: days ahead of the due date, then on it.',
  schema: z.object({
    vin,
    customerId: workshopCustomerId,
    brand,
    dueOn: businessDate.describe('Maintenance due date'),
    kind: reminderKind,
    firstService: z.boolean().describe('The first service (首保) of a newly delivered vehicle'),
  }),
});

export const CustomerClassified = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'CustomerClassified',
  description: "The owner's class changed: loyal (enough visits in the window), lost (no visit for the set months), or general.",
  schema: z.object({
    vin,
    customerId: workshopCustomerId,
    brand,
    class: customerClass,
    previousClass: customerClass,
    reason: z.enum(['visit_frequency', 'no_visit', 'returned']).describe('visit_frequency (loyal), no_visit (lost), returned (a lost customer came back)'),
    visitsInWindow: z.int().min(0).describe('Visits in the loyalty window when classified'),
    lastVisitOn: businessDate.describe('Last visit (or delivery) date'),
  }),
});

export const RegisterVehicle = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RegisterVehicle',
  description: 'Open a vehicle file (the reaction to VehicleDelivered sends it too); sets the first-service due date for delivered cars.',
  roles: [r.serviceAdvisor, r.customerServiceManager, r.admin, r.system],
  internal: false,
  schema: z.strictObject({
    vin,
    plate: chinesePlate.optional().describe('Licence plate'),
    brand,
    model: vehicleModel,
    ...owner,
    deliveredOn: businessDate.optional().describe('Delivery date, for vehicles sold by the store'),
    source: z.enum(['sales_delivery', 'front_desk']).describe('What opens the file'),
    sourceEventId: z.string().min(1).max(64).optional().describe('Id of the sales event that opens the file'),
  }),
});

export const RecordServiceVisit = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RecordServiceVisit',
  description: 'Add a released RO to the vehicle file (sent by the service itself when a vehicle is released).',
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({
    vin,
    repairOrderId,
    roType: repairOrderType,
    brand,
    model: vehicleModel,
    plate: chinesePlate.optional().describe('Licence plate'),
    customerId: workshopCustomerId,
    visitedOn: businessDate.describe('Business date of release'),
    mileageKm: z.int().min(0).max(2_000_000).describe('Odometer reading, km'),
    nextMaintenanceDueOn: businessDate.optional().describe('Next maintenance date advised by the SA'),
  }),
});

export const CheckMaintenanceReminder = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'CheckMaintenanceReminder',
  description: 'Timer: emit a maintenance reminder if the due date it was set for still stands.',
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({ vin, dueOn: businessDate.describe('Due date the timer was set for'), kind: reminderKind }),
});

export const CheckCustomerLapsed = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'CheckCustomerLapsed',
  description: 'Timer: classify the owner as lost if there was no visit since the one the timer was set for.',
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({ vin, lastVisitOn: businessDate.describe('Last visit date the timer was set for') }),
});

export const vehicleEvents = [VehicleRegistered, ServiceVisitRecorded, MaintenanceDueSet, MaintenanceReminderDue, CustomerClassified] as const;
export const vehicleCommands = [RegisterVehicle, RecordServiceVisit, CheckMaintenanceReminder, CheckCustomerLapsed] as const;
