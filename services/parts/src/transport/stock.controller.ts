import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type parts as p } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type PartsHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { PARTS_HANDLERS } from './tokens.js';

/** Part master, purchasing, counts and transfers between stores. The transport has validated each command against its contract before it gets here. */
@Controller()
export class StockCommandsController {
  constructor(@Inject(PARTS_HANDLERS) private readonly handlers: PartsHandlers) {}

  @CommandPattern('RegisterPart')
  registerPart(@Payload() command: CommandOf<typeof p.RegisterPart>) {
    return this.handlers.RegisterPart(command);
  }

  @CommandPattern('RepricePart')
  repricePart(@Payload() command: CommandOf<typeof p.RepricePart>) {
    return this.handlers.RepricePart(command);
  }

  @CommandPattern('PlacePurchaseOrder')
  placePurchaseOrder(@Payload() command: CommandOf<typeof p.PlacePurchaseOrder>) {
    return this.handlers.PlacePurchaseOrder(command);
  }

  @CommandPattern('ReceiveParts')
  receiveParts(@Payload() command: CommandOf<typeof p.ReceiveParts>) {
    return this.handlers.ReceiveParts(command);
  }

  @CommandPattern('CountStock')
  countStock(@Payload() command: CommandOf<typeof p.CountStock>) {
    return this.handlers.CountStock(command);
  }

  @CommandPattern('TransferParts')
  transferParts(@Payload() command: CommandOf<typeof p.TransferParts>) {
    return this.handlers.TransferParts(command);
  }
}
