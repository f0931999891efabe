import { type CommandOf, type CommandUnion, type EventOf, type EventUnion, type sales } from '@rooftop/contracts';

export type CaptureLead = CommandOf<typeof sales.CaptureLead>;
export type AssignLead = CommandOf<typeof sales.AssignLead>;
export type RecordContact = CommandOf<typeof sales.RecordContact>;
export type RecordShowroomVisit = CommandOf<typeof sales.RecordShowroomVisit>;
export type CompleteTestDrive = CommandOf<typeof sales.CompleteTestDrive>;
export type IssueQuotation = CommandOf<typeof sales.IssueQuotation>;
export type MarkLeadLost = CommandOf<typeof sales.MarkLeadLost>;

export type LeadCommand = CommandUnion<typeof sales.leadCommands>;

export type LeadCaptured = EventOf<typeof sales.LeadCaptured>;
export type LeadAssigned = EventOf<typeof sales.LeadAssigned>;
export type LeadContacted = EventOf<typeof sales.LeadContacted>;
export type ShowroomVisitRecorded = EventOf<typeof sales.ShowroomVisitRecorded>;
export type TestDriveCompleted = EventOf<typeof sales.TestDriveCompleted>;
export type QuotationIssued = EventOf<typeof sales.QuotationIssued>;
export type LeadLost = EventOf<typeof sales.LeadLost>;
export type OwnershipTransferred = EventOf<typeof sales.OwnershipTransferred>;

export type LeadEvent = EventUnion<typeof sales.leadEvents>;
