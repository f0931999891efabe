import { z } from 'zod';
import { defineEvent } from '../define.js';
import { brand, businessDate, employeeId, entityId, isoDateTime, money, note, personName, phone, vehicleModel, vin } from '../common.js';
import {
  SALES_CONTEXT,
  assigneeRole,
  consultantId,
  contactMethod,
  contactOutcome,
  customerId,
  leadChannel,
  leadId,
  leadLostReason,
  ownershipRule,
} from './values.js';

// Lead stream events (潜客, A卡): from capture to a visit, test drive and quotation — or loss.

export const LeadCaptured = defineEvent({
  context: SALES_CONTEXT,
  type: 'LeadCaptured',
  description: 'A prospective buyer left contact details (留资) through a channel; the lead is open.',
  personalData: ['customerName', 'customerPhone'],
  schema: z.object({
    leadId,
    customerId,
    channel: leadChannel,
    customerName: personName.describe("Customer's name (personal data)"),
    customerPhone: phone.describe("Customer's phone (personal data)"),
    brand: brand.describe('Brand the customer is interested in'),
    model: vehicleModel.optional().describe('Model the customer is interested in, when known'),
    consultantId: consultantId.optional().describe('Consultant who received the customer, when captured in person'),
    source: z.string().min(1).max(100).optional().describe('Finer source, e.g. the website or campaign name'),
    campaignId: entityId.optional().describe('Marketing campaign that produced the lead'),
    capturedAt: isoDateTime.optional().describe('When the lead was captured (the ownership clock of a consultant who captured it in person starts here)'),
  }),
});

export const LeadAssigned = defineEvent({
  context: SALES_CONTEXT,
  type: 'LeadAssigned',
  description: 'The lead was handed to an employee who now works it (online leads go to a call specialist first).',
  schema: z.object({
    leadId,
    assigneeId: employeeId.describe('Employee now responsible for the lead'),
    assigneeRole,
    previousAssigneeId: employeeId.optional().describe('Employee who had the lead before, if any'),
    assignedAt: isoDateTime.optional().describe('When the lead was handed over'),
  }),
});

export const LeadContacted = defineEvent({
  context: SALES_CONTEXT,
  type: 'LeadContacted',
  description: 'Someone contacted the customer of the lead; counts as the owner staying in touch for ownership rules.',
  schema: z.object({
    leadId,
    contactedBy: employeeId.describe('Employee who made the contact'),
    method: contactMethod,
    outcome: contactOutcome,
    nextAction: z
      .object({
        action: z.string().min(1).max(200).describe('What to do next, e.g. "invite to test drive"'),
        dueOn: businessDate.describe('When the next action is due'),
      })
      .optional()
      .describe('Planned next step for the open-leads list'),
    contactedAt: isoDateTime.optional().describe("When the contact happened (the owner's phone contacts keep the customer from lapsing, 7-day rule)"),
  }),
});

export const ShowroomVisitRecorded = defineEvent({
  context: SALES_CONTEXT,
  type: 'ShowroomVisitRecorded',
  description: 'The customer of the lead came to the showroom (首次来店 or a return visit) and was received by a consultant.',
  schema: z.object({
    leadId,
    customerId,
    consultantId: consultantId.describe('Consultant who received the customer on this visit'),
    visitKind: z.enum(['first', 'return']).describe("first = the lead's first visit, return = any later visit"),
    partySize: z.int().min(1).max(50).describe('People in the visiting party (来店批次 counts parties, not people)'),
    byAppointment: z.boolean().describe("The visit was arranged by a consultant's phone appointment"),
    askedForConsultantId: consultantId.optional().describe('Consultant the customer asked for by name, if any'),
    visitedAt: isoDateTime.optional().describe('When the customer arrived'),
  }),
});

export const TestDriveCompleted = defineEvent({
  context: SALES_CONTEXT,
  type: 'TestDriveCompleted',
  description: 'The customer of the lead completed a test drive.',
  schema: z.object({
    leadId,
    consultantId: consultantId.describe('Consultant who accompanied the test drive'),
    brand: brand.describe('Brand of the test-drive vehicle'),
    model: vehicleModel.describe('Model of the test-drive vehicle'),
    vin: vin.optional().describe('VIN of the test-drive vehicle'),
  }),
});

export const QuotationIssued = defineEvent({
  context: SALES_CONTEXT,
  type: 'QuotationIssued',
  description: 'A written price quotation was given to the customer of the lead.',
  schema: z.object({
    leadId,
    quotationId: entityId.describe('Quotation id'),
    consultantId: consultantId.describe('Consultant who issued the quotation'),
    brand: brand.describe('Quoted brand'),
    model: vehicleModel.describe('Quoted model'),
    trim: z.string().min(1).max(100).optional().describe('Trim level / configuration'),
    listPrice: money.describe("Manufacturer's suggested retail price"),
    quotedPrice: money.describe('Price offered to the customer'),
    validUntil: businessDate.describe('Last day the quotation holds'),
  }),
});

export const LeadLost = defineEvent({
  context: SALES_CONTEXT,
  type: 'LeadLost',
  description: 'The lead was closed without an order (战败), with the reason.',
  schema: z.object({
    leadId,
    reason: leadLostReason,
    note: note.optional().describe('Details, e.g. which competitor the customer chose'),
  }),
});

export const OwnershipTransferred = defineEvent({
  context: SALES_CONTEXT,
  type: 'OwnershipTransferred',
  description: 'The customer now belongs to another consultant by one of the ownership rules (顾客归属原则).',
  schema: z.object({
    customerId,
    leadId: leadId.optional().describe('Lead whose event triggered the transfer, if any'),
    fromOwnerId: employeeId.describe('Employee who owned the customer'),
    toOwnerId: employeeId.describe('Employee who owns the customer now (consultant or key-account staff)'),
    rule: ownershipRule,
    decidedBy: employeeId.optional().describe('Manager who ruled, for manager_ruling'),
    transferredAt: isoDateTime.optional().describe('When the customer changed owner'),
  }),
});

export const leadEvents = [
  LeadCaptured,
  LeadAssigned,
  LeadContacted,
  ShowroomVisitRecorded,
  TestDriveCompleted,
  QuotationIssued,
  LeadLost,
  OwnershipTransferred,
] as const;
