import { z } from 'zod';
import { defineCommand } from '../define.js';
import { brand, businessDate, employeeId, entityId, money, note, personName, phone, vehicleModel, vin } from '../common.js';
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
  salesRoles as r,
} from './values.js';

// Lead commands. Schemas are strict: an unknown field is a typo or a client bug, so it is rejected, not dropped.

const leadWorkers = [r.consultant, r.callSpecialist, r.onlineSpecialist, r.keyAccount, r.salesManager, r.admin];
const showroom = [r.consultant, r.keyAccount, r.salesManager, r.admin];

export const CaptureLead = defineCommand({
  context: SALES_CONTEXT,
  type: 'CaptureLead',
  description: 'Open a lead for a prospective buyer who left contact details.',
  roles: leadWorkers,
  internal: false,
  schema: z.strictObject({
    leadId: leadId.describe('New lead id, chosen by the caller'),
    customerId,
    channel: leadChannel,
    customerName: personName.describe("Customer's name"),
    customerPhone: phone.describe("Customer's phone"),
    brand: brand.describe('Brand of interest'),
    model: vehicleModel.optional().describe('Model of interest'),
    consultantId: consultantId.optional().describe('Consultant who received the customer, when captured in person'),
    source: z.string().min(1).max(100).optional().describe('Finer source, e.g. the website or campaign name'),
    campaignId: entityId.optional().describe('Marketing campaign that produced the lead'),
  }),
});

export const AssignLead = defineCommand({
  context: SALES_CONTEXT,
  type: 'AssignLead',
  description: 'Hand the lead to an employee (online specialists hand every online lead to a call specialist).',
  roles: [r.salesManager, r.onlineSpecialist, r.generalManager, r.admin],
  internal: false,
  schema: z.strictObject({
    leadId,
    assigneeId: employeeId.describe('Employee who will work the lead'),
    assigneeRole,
  }),
});

export const RecordContact = defineCommand({
  context: SALES_CONTEXT,
  type: 'RecordContact',
  description: "Log a contact with the lead's customer and the planned next step.",
  roles: leadWorkers,
  internal: false,
  schema: z.strictObject({
    leadId,
    method: contactMethod,
    outcome: contactOutcome,
    nextAction: z
      .strictObject({
        action: z.string().min(1).max(200).describe('What to do next'),
        dueOn: businessDate.describe('When it is due'),
      })
      .optional()
      .describe('Planned next step'),
  }),
});

export const RecordShowroomVisit = defineCommand({
  context: SALES_CONTEXT,
  type: 'RecordShowroomVisit',
  description: "Record that the lead's customer came to the showroom; whether it is the first visit follows from the lead.",
  roles: showroom,
  internal: false,
  schema: z.strictObject({
    leadId,
    consultantId: consultantId.describe('Consultant receiving the customer'),
    partySize: z.int().min(1).max(50).describe('People in the visiting party'),
    byAppointment: z.boolean().describe("Arranged by a consultant's phone appointment"),
    askedForConsultantId: consultantId.optional().describe('Consultant the customer asked for, if any'),
  }),
});

export const CompleteTestDrive = defineCommand({
  context: SALES_CONTEXT,
  type: 'CompleteTestDrive',
  description: "Record a completed test drive for the lead's customer.",
  roles: showroom,
  internal: false,
  schema: z.strictObject({
    leadId,
    consultantId: consultantId.describe('Consultant who accompanied the test drive'),
    brand: brand.describe('Brand of the test-drive vehicle'),
    model: vehicleModel.describe('Model of the test-drive vehicle'),
    vin: vin.optional().describe('VIN of the test-drive vehicle'),
  }),
});

export const IssueQuotation = defineCommand({
  context: SALES_CONTEXT,
  type: 'IssueQuotation',
  description: 'Give the customer a written price quotation.',
  roles: showroom,
  internal: false,
  schema: z.strictObject({
    leadId,
    quotationId: entityId.describe('New quotation id, chosen by the caller'),
    consultantId: consultantId.describe('Consultant issuing the quotation'),
    brand,
    model: vehicleModel,
    trim: z.string().min(1).max(100).optional().describe('Trim level / configuration'),
    listPrice: money.describe("Manufacturer's suggested retail price"),
    quotedPrice: money.describe('Price offered'),
    validUntil: businessDate.describe('Last day the quotation holds'),
  }),
});

export const MarkLeadLost = defineCommand({
  context: SALES_CONTEXT,
  type: 'MarkLeadLost',
  description: 'Close the lead without an order, with the reason (战败).',
  roles: leadWorkers,
  internal: false,
  schema: z.strictObject({
    leadId,
    reason: leadLostReason,
    note: note.optional().describe('Details'),
  }),
});

export const leadCommands = [CaptureLead, AssignLead, RecordContact, RecordShowroomVisit, CompleteTestDrive, IssueQuotation, MarkLeadLost] as const;
