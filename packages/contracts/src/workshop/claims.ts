import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { brand, employeeId, isoDateTime, money, note, positiveMoney, vin } from '../common.js';
import {
  WORKSHOP_CONTEXT,
  claimId,
  complaintId,
  complaintSeverity,
  repairOrderId,
  serviceAdvisorId,
  workshopCustomerId,
  workshopRoles as r,
} from './values.js';

// Warranty claims to the OEM (保修索赔: submitted → approved | rejected) and customer complaints (投诉:
// received → resolved, major ones escalated first).

export const WarrantyClaimSubmitted = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'WarrantyClaimSubmitted',
  description: 'The warranty clerk submitted a claim for a repair order to the OEM.',
  schema: z.object({
    claimId,
    repairOrderId,
    vin,
    brand,
    claimedAmount: positiveMoney.describe('Amount claimed from the OEM (labour + parts)'),
    submittedBy: employeeId.describe('Warranty clerk (索赔员)'),
  }),
});

export const WarrantyClaimApproved = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'WarrantyClaimApproved',
  description: 'The OEM approved the claim, possibly for less than claimed.',
  schema: z.object({
    claimId,
    repairOrderId,
    brand,
    claimedAmount: positiveMoney.describe('Amount claimed'),
    approvedAmount: money.describe('Amount the OEM will reimburse'),
    oemReference: z.string().min(1).max(100).optional().describe("OEM's approval reference"),
  }),
});

export const WarrantyClaimRejected = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'WarrantyClaimRejected',
  description: 'The OEM rejected the claim.',
  schema: z.object({ claimId, repairOrderId, brand, reason: note.describe("OEM's reason") }),
});

export const ComplaintReceived = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'ComplaintReceived',
  description: 'A customer complaint was recorded.',
  schema: z.object({
    complaintId,
    customerId: workshopCustomerId,
    vin: vin.optional().describe('Vehicle concerned'),
    repairOrderId: repairOrderId.optional().describe('Repair order concerned'),
    brand: brand.optional().describe('Brand concerned'),
    serviceAdvisorId: serviceAdvisorId.optional().describe('SA concerned'),
    severity: complaintSeverity,
    channel: z.enum(['phone', 'in_person', 'follow_up_call', 'online', 'oem']).describe('Where the complaint came in'),
    description: note.describe('What the customer complained about'),
    receivedBy: employeeId.describe('Employee who recorded it'),
    receivedAt: isoDateTime.describe('When the complaint was received'),
  }),
});

export const ComplaintEscalated = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'ComplaintEscalated',
  description: 'The complaint was escalated (to the customer-service or service manager).',
  schema: z.object({ complaintId, escalatedTo: employeeId.describe('Manager it was escalated to'), reason: note.describe('Why') }),
});

export const ComplaintResolved = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'ComplaintResolved',
  description: 'The complaint was resolved and the customer called back.',
  schema: z.object({
    complaintId,
    severity: complaintSeverity,
    resolution: note.describe('What was done'),
    customerSatisfied: z.boolean().describe('The customer was satisfied with the handling'),
    resolvedBy: employeeId.describe('Employee who resolved it'),
    receivedAt: isoDateTime.describe('When the complaint was received, for the resolution time'),
  }),
});

const warranty = [r.warrantyClerk, r.serviceManager, r.admin];
const care = [r.followUpClerk, r.customerServiceManager, r.serviceAdvisor, r.serviceManager, r.admin];

export const SubmitWarrantyClaim = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'SubmitWarrantyClaim',
  description: 'Submit a warranty claim for a repair order to the OEM.',
  roles: warranty,
  internal: false,
  schema: z.strictObject({ claimId, repairOrderId, vin, brand, claimedAmount: positiveMoney.describe('Amount claimed') }),
});

export const ApproveWarrantyClaim = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'ApproveWarrantyClaim',
  description: "Record the OEM's approval; the approved amount is at most the amount claimed.",
  roles: warranty,
  internal: false,
  schema: z.strictObject({
    claimId,
    approvedAmount: money.describe('Amount approved'),
    oemReference: z.string().min(1).max(100).optional().describe("OEM's approval reference"),
  }),
});

export const RejectWarrantyClaim = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RejectWarrantyClaim',
  description: "Record the OEM's rejection.",
  roles: warranty,
  internal: false,
  schema: z.strictObject({ claimId, reason: note.describe("OEM's reason") }),
});

export const ReceiveComplaint = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'ReceiveComplaint',
  description: 'Record a customer complaint.',
  roles: care,
  internal: false,
  schema: z.strictObject({
    complaintId,
    customerId: workshopCustomerId,
    vin: vin.optional().describe('Vehicle concerned'),
    repairOrderId: repairOrderId.optional().describe('Repair order concerned'),
    brand: brand.optional().describe('Brand concerned'),
    serviceAdvisorId: serviceAdvisorId.optional().describe('SA concerned'),
    severity: complaintSeverity,
    channel: z.enum(['phone', 'in_person', 'follow_up_call', 'online', 'oem']).describe('Where the complaint came in'),
    description: note.describe('What the customer complained about'),
  }),
});

export const EscalateComplaint = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'EscalateComplaint',
  description: 'Escalate a complaint to a manager; required before a major complaint is resolved.',
  roles: care,
  internal: false,
  schema: z.strictObject({ complaintId, escalatedTo: employeeId.describe('Manager to escalate to'), reason: note.describe('Why') }),
});

export const ResolveComplaint = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'ResolveComplaint',
  description: 'Close a complaint with its resolution and whether the customer was satisfied.',
  roles: care,
  internal: false,
  schema: z.strictObject({
    complaintId,
    resolution: note.describe('What was done'),
    customerSatisfied: z.boolean().describe('The customer was satisfied with the handling'),
  }),
});

export const warrantyClaimEvents = [WarrantyClaimSubmitted, WarrantyClaimApproved, WarrantyClaimRejected] as const;
export const complaintEvents = [ComplaintReceived, ComplaintEscalated, ComplaintResolved] as const;
export const claimEvents = [...warrantyClaimEvents, ...complaintEvents] as const;

export const warrantyClaimCommands = [SubmitWarrantyClaim, ApproveWarrantyClaim, RejectWarrantyClaim] as const;
export const complaintCommands = [ReceiveComplaint, EscalateComplaint, ResolveComplaint] as const;
export const claimCommands = [...warrantyClaimCommands, ...complaintCommands] as const;
