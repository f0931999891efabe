import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type workshop as w } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type WorkshopHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { WORKSHOP_HANDLERS } from './tokens.js';

/** Warranty claims and complaints. The transport has validated each command against its contract before it gets here. */
@Controller()
export class ClaimCommandsController {
  constructor(@Inject(WORKSHOP_HANDLERS) private readonly handlers: WorkshopHandlers) {}

  @CommandPattern('SubmitWarrantyClaim')
  submitWarrantyClaim(@Payload() command: CommandOf<typeof w.SubmitWarrantyClaim>) {
    return this.handlers.SubmitWarrantyClaim(command);
  }

  @CommandPattern('ApproveWarrantyClaim')
  approveWarrantyClaim(@Payload() command: CommandOf<typeof w.ApproveWarrantyClaim>) {
    return this.handlers.ApproveWarrantyClaim(command);
  }

  @CommandPattern('RejectWarrantyClaim')
  rejectWarrantyClaim(@Payload() command: CommandOf<typeof w.RejectWarrantyClaim>) {
    return this.handlers.RejectWarrantyClaim(command);
  }

  @CommandPattern('ReceiveComplaint')
  receiveComplaint(@Payload() command: CommandOf<typeof w.ReceiveComplaint>) {
    return this.handlers.ReceiveComplaint(command);
  }

  @CommandPattern('EscalateComplaint')
  escalateComplaint(@Payload() command: CommandOf<typeof w.EscalateComplaint>) {
    return this.handlers.EscalateComplaint(command);
  }

  @CommandPattern('ResolveComplaint')
  resolveComplaint(@Payload() command: CommandOf<typeof w.ResolveComplaint>) {
    return this.handlers.ResolveComplaint(command);
  }
}
