import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type insurance as i } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type InsuranceHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { INSURANCE_HANDLERS } from './tokens.js';

/** Claims. The transport has validated each command against its contract before it gets here. */
@Controller()
export class ClaimCommandsController {
  constructor(@Inject(INSURANCE_HANDLERS) private readonly handlers: InsuranceHandlers) {}

  @CommandPattern('ReportClaim')
  reportClaim(@Payload() command: CommandOf<typeof i.ReportClaim>) {
    return this.handlers.ReportClaim(command);
  }

  @CommandPattern('RecordClaimRepair')
  recordClaimRepair(@Payload() command: CommandOf<typeof i.RecordClaimRepair>) {
    return this.handlers.RecordClaimRepair(command);
  }

  @CommandPattern('SettleClaim')
  settleClaim(@Payload() command: CommandOf<typeof i.SettleClaim>) {
    return this.handlers.SettleClaim(command);
  }
}
