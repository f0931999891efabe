import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type insurance as i } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type InsuranceHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { INSURANCE_HANDLERS } from './tokens.js';

/** Policies and the renewal pipeline. The transport has validated each command against its contract before it gets here. */
@Controller()
export class PolicyCommandsController {
  constructor(@Inject(INSURANCE_HANDLERS) private readonly handlers: InsuranceHandlers) {}

  @CommandPattern('RecordDeliveryPolicy')
  recordDeliveryPolicy(@Payload() command: CommandOf<typeof i.RecordDeliveryPolicy>) {
    return this.handlers.RecordDeliveryPolicy(command);
  }

  @CommandPattern('SellNewPolicy')
  sellNewPolicy(@Payload() command: CommandOf<typeof i.SellNewPolicy>) {
    return this.handlers.SellNewPolicy(command);
  }

  @CommandPattern('OpenRenewalOpportunity')
  openRenewalOpportunity(@Payload() command: CommandOf<typeof i.OpenRenewalOpportunity>) {
    return this.handlers.OpenRenewalOpportunity(command);
  }

  @CommandPattern('AssignRenewal')
  assignRenewal(@Payload() command: CommandOf<typeof i.AssignRenewal>) {
    return this.handlers.AssignRenewal(command);
  }

  @CommandPattern('LogRenewalCall')
  logRenewalCall(@Payload() command: CommandOf<typeof i.LogRenewalCall>) {
    return this.handlers.LogRenewalCall(command);
  }

  @CommandPattern('RenewPolicy')
  renewPolicy(@Payload() command: CommandOf<typeof i.RenewPolicy>) {
    return this.handlers.RenewPolicy(command);
  }

  @CommandPattern('LoseRenewal')
  loseRenewal(@Payload() command: CommandOf<typeof i.LoseRenewal>) {
    return this.handlers.LoseRenewal(command);
  }
}
