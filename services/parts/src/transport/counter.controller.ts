import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type parts as p } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type PartsHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { PARTS_HANDLERS } from './tokens.js';

/** The parts counter: issues to and returns from repair orders, counter and accessory sales, unmet demand. The transport has validated each command against its contract before it gets here. */
@Controller()
export class CounterCommandsController {
  constructor(@Inject(PARTS_HANDLERS) private readonly handlers: PartsHandlers) {}

  @CommandPattern('IssuePartsToRepairOrder')
  issuePartsToRepairOrder(@Payload() command: CommandOf<typeof p.IssuePartsToRepairOrder>) {
    return this.handlers.IssuePartsToRepairOrder(command);
  }

  @CommandPattern('ReturnPartsFromRepairOrder')
  returnPartsFromRepairOrder(@Payload() command: CommandOf<typeof p.ReturnPartsFromRepairOrder>) {
    return this.handlers.ReturnPartsFromRepairOrder(command);
  }

  @CommandPattern('SellPartsOverCounter')
  sellPartsOverCounter(@Payload() command: CommandOf<typeof p.SellPartsOverCounter>) {
    return this.handlers.SellPartsOverCounter(command);
  }

  @CommandPattern('SellAccessory')
  sellAccessory(@Payload() command: CommandOf<typeof p.SellAccessory>) {
    return this.handlers.SellAccessory(command);
  }

  @CommandPattern('RecordUnmetDemand')
  recordUnmetDemand(@Payload() command: CommandOf<typeof p.RecordUnmetDemand>) {
    return this.handlers.RecordUnmetDemand(command);
  }
}
