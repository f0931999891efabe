import { z } from 'zod';
import { employeeId, entityId, money } from '../common.js';

// Value schemas shared by the workshop's events and commands (docs/domain/workshop.md).

export const WORKSHOP_CONTEXT = 'workshop';

/** Roles that send workshop commands (docs/domain/README.md "Parties"); `system` is the service's own timers and reactions. */
export const workshopRoles = {
  serviceAdvisor: 'service_advisor',
  dispatcher: 'workshop_dispatcher',
  technician: 'technician',
  qualityInspector: 'quality_inspector',
  washer: 'washer',
  cashier: 'cashier',
  warrantyClerk: 'warranty_clerk',
  followUpClerk: 'follow_up_clerk',
  customerServiceManager: 'customer_service_manager',
  serviceManager: 'service_manager',
  generalManager: 'general_manager',
  admin: 'admin',
  system: 'system',
} as const;

export const REPAIR_ORDER_TYPES = ['maintenance', 'first_service', 'repair', 'warranty', 'insurance_claim', 'body_paint', 'campaign_inspection'] as const;

export const repairOrderType = z
  .enum(REPAIR_ORDER_TYPES)
  .describe('Kind of job: maintenance, first_service (首保), repair, warranty, insurance_claim, body_paint (钣喷), campaign_inspection (召回/服务活动)');

export type RepairOrderType = z.infer<typeof repairOrderType>;

export const payer = z.enum(['customer', 'insurer', 'oem']).describe('Who pays the invoice: the customer, an insurer, or the OEM (warranty)');

export const repairOrderId = entityId.describe('Repair order id (the stream is workshop-repairorder-<repairOrderId>)');
export const appointmentId = entityId.describe('Appointment id (the stream is workshop-appointment-<appointmentId>)');
export const claimId = entityId.describe('Warranty claim id (the stream is workshop-warrantyclaim-<claimId>)');
export const complaintId = entityId.describe('Complaint id (the stream is workshop-complaint-<complaintId>)');
export const workshopCustomerId = entityId.describe('Customer file id (the same id sales uses for a delivered car)');
export const serviceAdvisorId = employeeId.describe('Employee id of the service advisor (SA, 服务顾问)');
export const technicianId = employeeId.describe('Employee id of a technician');

export const technicianTrade = z.enum(['mechanical', 'body', 'paint']).describe('Trade: mechanical (机电), body (钣金) or paint (喷漆)');
export const technicianGrade = z
  .enum(['apprentice', 'junior', 'intermediate', 'senior'])
  .describe('Grade: apprentice (学徒), junior (小工), intermediate (中工), senior (大工)');

/** Labour hours in hundredths allowed; never negative. */
export const labourHours = z.number().min(0).max(1000).multipleOf(0.01).describe('Labour hours (工时), at most two decimals, never negative');

export const technicianHours = z
  .array(z.object({ technicianId, labourHours }).describe('Labour hours credited to one technician'))
  .min(1)
  .describe('Technicians who did the work and the labour hours credited to each');

export const estimate = z
  .object({
    labour: money.describe('Estimated labour amount'),
    parts: money.describe('Estimated parts amount'),
  })
  .describe('Estimate agreed with the customer before work starts (维修前沟通)');

export const followUpCall = z.enum(['first', 'second']).describe('Which follow-up call: the first after release or the second a week later');

export const satisfaction = z.int().min(1).max(5).describe('Satisfaction score 1 (very dissatisfied) to 5 (very satisfied)');

export const customerClass = z.enum(['loyal', 'general', 'lost']).describe('Customer class: loyal (忠诚), general, lost (流失)');

export const complaintSeverity = z.enum(['normal', 'major']).describe('Severity: normal, or major (重大投诉: escalated before it is resolved)');

export const reminderKind = z.enum(['advance', 'due_date']).describe('advance: the set number of days before the due date; due_date: on it');

export const invoiceAmounts = z
  .object({
    labour: money.describe('Labour amount before discount'),
    parts: money.describe('Parts amount before discount'),
    discount: money.describe('Discount granted on this invoice'),
    total: money.describe('labour + parts − discount'),
  })
  .describe('Invoice amounts in fen');
