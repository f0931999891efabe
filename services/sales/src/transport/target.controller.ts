import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CommandPattern } from '@rooftop/messaging';
import { type SalesCommandHandlers } from '../commands/index.js';
import { type SetSalesTarget } from '../domain/target/target.messages.js';
import { SALES_HANDLERS } from './tokens.js';

@Controller()
export class TargetCommandsController {
  constructor(@Inject(SALES_HANDLERS) private readonly handlers: SalesCommandHandlers) {}

  @CommandPattern('SetSalesTarget')
  setTarget(@Payload() command: SetSalesTarget) {
    return this.handlers.SetSalesTarget(command);
  }
}
