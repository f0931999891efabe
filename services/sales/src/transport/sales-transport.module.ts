import { type DynamicModule, Module } from '@nestjs/common';
import { type SalesCommandHandlers } from '../commands/index.js';
import { LeadCommandsController } from './lead.controller.js';
import { OrderCommandsController } from './order.controller.js';
import { TargetCommandsController } from './target.controller.js';
import { SALES_HANDLERS } from './tokens.js';

/** The sales command controllers, bound to this process's handlers (passed in, never created at import). */
@Module({})
export class SalesTransportModule {
  static forHandlers(handlers: SalesCommandHandlers): DynamicModule {
    return {
      module: SalesTransportModule,
      controllers: [LeadCommandsController, OrderCommandsController, TargetCommandsController],
      providers: [{ provide: SALES_HANDLERS, useValue: handlers }],
    };
  }
}
