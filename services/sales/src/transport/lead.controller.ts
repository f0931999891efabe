import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CommandPattern } from '@rooftop/messaging';
import { type SalesCommandHandlers } from '../commands/index.js';
import {
  type AssignLead,
  type CaptureLead,
  type CompleteTestDrive,
  type IssueQuotation,
  type MarkLeadLost,
  type RecordContact,
  type RecordShowroomVisit,
} from '../domain/lead/lead.messages.js';
import { SALES_HANDLERS } from './tokens.js';

// The transport has already checked subject, envelope, store, roles and `data` against the contract.
@Controller()
export class LeadCommandsController {
  constructor(@Inject(SALES_HANDLERS) private readonly handlers: SalesCommandHandlers) {}

  @CommandPattern('CaptureLead')
  capture(@Payload() command: CaptureLead) {
    return this.handlers.CaptureLead(command);
  }

  @CommandPattern('AssignLead')
  assign(@Payload() command: AssignLead) {
    return this.handlers.AssignLead(command);
  }

  @CommandPattern('RecordContact')
  contact(@Payload() command: RecordContact) {
    return this.handlers.RecordContact(command);
  }

  @CommandPattern('RecordShowroomVisit')
  visit(@Payload() command: RecordShowroomVisit) {
    return this.handlers.RecordShowroomVisit(command);
  }

  @CommandPattern('CompleteTestDrive')
  testDrive(@Payload() command: CompleteTestDrive) {
    return this.handlers.CompleteTestDrive(command);
  }

  @CommandPattern('IssueQuotation')
  quote(@Payload() command: IssueQuotation) {
    return this.handlers.IssueQuotation(command);
  }

  @CommandPattern('MarkLeadLost')
  lose(@Payload() command: MarkLeadLost) {
    return this.handlers.MarkLeadLost(command);
  }
}
