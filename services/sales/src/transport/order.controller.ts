import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type sales } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type SalesCommandHandlers } from '../commands/index.js';
import {
  type ApproveDiscount,
  type CancelOrder,
  type DeliverVehicle,
  type RejectDiscount,
  type SettleOrder,
} from '../domain/order/order.messages.js';
import { type CommandOf } from '../domain/shared/messages.js';
import { SALES_HANDLERS } from './tokens.js';

@Controller()
export class OrderCommandsController {
  constructor(@Inject(SALES_HANDLERS) private readonly handlers: SalesCommandHandlers) {}

  @CommandPattern('RequestDiscount')
  requestDiscount(@Payload() command: CommandOf<typeof sales.RequestDiscount>) {
    return this.handlers.RequestDiscount(command);
  }

  @CommandPattern('ApproveDiscount')
  approveDiscount(@Payload() command: ApproveDiscount) {
    return this.handlers.ApproveDiscount(command);
  }

  @CommandPattern('RejectDiscount')
  rejectDiscount(@Payload() command: RejectDiscount) {
    return this.handlers.RejectDiscount(command);
  }

  @CommandPattern('SignOrder')
  sign(@Payload() command: CommandOf<typeof sales.SignOrder>) {
    return this.handlers.SignOrder(command);
  }

  @CommandPattern('CancelOrder')
  cancel(@Payload() command: CancelOrder) {
    return this.handlers.CancelOrder(command);
  }

  @CommandPattern('SettleOrder')
  settle(@Payload() command: SettleOrder) {
    return this.handlers.SettleOrder(command);
  }

  @CommandPattern('DeliverVehicle')
  deliver(@Payload() command: DeliverVehicle) {
    return this.handlers.DeliverVehicle(command);
  }
}
