import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type workshop as w } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type WorkshopHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { WORKSHOP_HANDLERS } from './tokens.js';

/** Vehicle files, reminders, classification and follow-up calls (timers use the same handlers in process). The transport has validated each command against its contract before it gets here. */
@Controller()
export class CustomerCareCommandsController {
  constructor(@Inject(WORKSHOP_HANDLERS) private readonly handlers: WorkshopHandlers) {}

  @CommandPattern('RegisterVehicle')
  registerVehicle(@Payload() command: CommandOf<typeof w.RegisterVehicle>) {
    return this.handlers.RegisterVehicle(command);
  }

  @CommandPattern('RecordServiceVisit')
  recordServiceVisit(@Payload() command: CommandOf<typeof w.RecordServiceVisit>) {
    return this.handlers.RecordServiceVisit(command);
  }

  @CommandPattern('CheckMaintenanceReminder')
  checkMaintenanceReminder(@Payload() command: CommandOf<typeof w.CheckMaintenanceReminder>) {
    return this.handlers.CheckMaintenanceReminder(command);
  }

  @CommandPattern('CheckCustomerLapsed')
  checkCustomerLapsed(@Payload() command: CommandOf<typeof w.CheckCustomerLapsed>) {
    return this.handlers.CheckCustomerLapsed(command);
  }

  @CommandPattern('OpenFollowUp')
  openFollowUp(@Payload() command: CommandOf<typeof w.OpenFollowUp>) {
    return this.handlers.OpenFollowUp(command);
  }

  @CommandPattern('CheckFollowUpDue')
  checkFollowUpDue(@Payload() command: CommandOf<typeof w.CheckFollowUpDue>) {
    return this.handlers.CheckFollowUpDue(command);
  }

  @CommandPattern('RecordFollowUpCall')
  recordFollowUpCall(@Payload() command: CommandOf<typeof w.RecordFollowUpCall>) {
    return this.handlers.RecordFollowUpCall(command);
  }

  @CommandPattern('ResolveFollowUpIssue')
  resolveFollowUpIssue(@Payload() command: CommandOf<typeof w.ResolveFollowUpIssue>) {
    return this.handlers.ResolveFollowUpIssue(command);
  }
}
