import { type DynamicModule, Module } from '@nestjs/common';
import { type PartsHandlers } from '../commands/handlers.js';
import { CounterCommandsController } from './counter.controller.js';
import { StockCommandsController } from './stock.controller.js';
import { PARTS_HANDLERS } from './tokens.js';

/**
 * The parts command controllers, bound to this process's handlers (passed in, never created at import).
 * ReceiveTransferredParts has no controller: only the service's own transfer reaction sends it.
 */
@Module({})
export class PartsTransportModule {
  static forHandlers(handlers: PartsHandlers): DynamicModule {
    return {
      module: PartsTransportModule,
      controllers: [StockCommandsController, CounterCommandsController],
      providers: [{ provide: PARTS_HANDLERS, useValue: handlers }],
    };
  }
}
