import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { brand, businessDate, employeeId, isoDateTime, note, vin } from '../common.js';
import {
  WORKSHOP_CONTEXT,
  followUpCall,
  repairOrderId,
  repairOrderType,
  satisfaction,
  serviceAdvisorId,
  workshopCustomerId,
  workshopRoles as r,
} from './values.js';

// Follow-up calls after release (回访), one stream per released RO (workshop-followup-<repairOrderId>).
// Due dates are working days of the store calendar; the timers that fire CheckFollowUpDue are durable
// scheduled commands.

const dims = { repairOrderId, brand, roType: repairOrderType, serviceAdvisorId };
const check = z
  .enum(['due', 'deadline', 'escalation'])
  .describe('due: the call enters the work list; deadline: the window closed; escalation: an issue is still open');

export const FollowUpOpened = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'FollowUpOpened',
  description: 'Release started the follow-up: the first call is due the set number of working days later.',
  schema: z.object({
    ...dims,
    vin,
    customerId: workshopCustomerId,
    releasedOn: businessDate.describe('Business date of release'),
    firstCallDueOn: businessDate.describe('Working day the first call is due (on time = called by this day)'),
  }),
});

export const FollowUpDue = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'FollowUpDue',
  description: "A follow-up call entered the clerks' work list.",
  schema: z.object({
    ...dims,
    call: followUpCall,
    dueOn: businessDate.describe('First day of the call window'),
    lastDayOn: businessDate.describe('Last day the call is on time'),
  }),
});

export const FollowUpCallCompleted = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'FollowUpCallCompleted',
  description: 'A follow-up call reached the customer: satisfaction 1–5 and any issues.',
  schema: z.object({
    ...dims,
    call: followUpCall,
    clerkId: employeeId.describe('Clerk or SA who called'),
    calledOn: businessDate.describe('Business date of the call'),
    calledAt: isoDateTime.describe('Instant of the call'),
    onTime: z.boolean().describe('Called within the window'),
    satisfaction,
    satisfied: z.boolean().describe('Satisfaction of 4 or 5 (counts towards CSI)'),
    issues: z.array(note).max(20).describe('Issues the customer raised'),
    issueOpen: z.boolean().describe('An issue is still unresolved after the call'),
  }),
});

export const FollowUpIssueResolved = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'FollowUpIssueResolved',
  description: 'The issue raised on a follow-up call was resolved and the customer told.',
  schema: z.object({ repairOrderId, resolvedBy: employeeId.describe('Who resolved it'), resolution: note.describe('What was done') }),
});

export const FollowUpEscalated = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'FollowUpEscalated',
  description: 'An issue from a follow-up call was still open after the set days and went to the supervisor.',
  schema: z.object({ ...dims, call: followUpCall, raisedAt: isoDateTime.describe('When the issue was raised'), issues: z.array(note).describe('Open issues') }),
});

export const FollowUpOverdue = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'FollowUpOverdue',
  description: 'A follow-up call was not made by the last day of its window.',
  schema: z.object({
    ...dims,
    call: followUpCall,
    dueOn: businessDate.describe('First day of the window'),
    lastDayOn: businessDate.describe('Missed last day'),
  }),
});

const clerks = [r.followUpClerk, r.customerServiceManager, r.serviceAdvisor, r.serviceManager, r.admin];

export const OpenFollowUp = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'OpenFollowUp',
  description: 'Start the follow-up of a released RO (sent by the service when the vehicle is released).',
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({
    ...dims,
    vin,
    customerId: workshopCustomerId,
    releasedAt: isoDateTime.describe('Instant of release'),
  }),
});

export const CheckFollowUpDue = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'CheckFollowUpDue',
  description: 'Timer: put a call on the work list, mark it overdue, or escalate an open issue, as the state requires.',
  roles: [r.system, r.admin],
  internal: true,
  schema: z.strictObject({ repairOrderId, call: followUpCall, check }),
});

export const RecordFollowUpCall = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RecordFollowUpCall',
  description: 'Record a follow-up call that reached the customer.',
  roles: clerks,
  internal: false,
  schema: z.strictObject({
    repairOrderId,
    satisfaction,
    issues: z.array(note).max(20).default([]).describe('Issues the customer raised'),
    issueResolvedOnCall: z.boolean().default(false).describe('The issues were settled during the call'),
  }),
});

export const ResolveFollowUpIssue = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'ResolveFollowUpIssue',
  description: 'Record that the open issue from a follow-up call was resolved.',
  roles: clerks,
  internal: false,
  schema: z.strictObject({ repairOrderId, resolution: note.describe('What was done') }),
});

export const followUpEvents = [FollowUpOpened, FollowUpDue, FollowUpCallCompleted, FollowUpIssueResolved, FollowUpEscalated, FollowUpOverdue] as const;
export const followUpCommands = [OpenFollowUp, CheckFollowUpDue, RecordFollowUpCall, ResolveFollowUpIssue] as const;
