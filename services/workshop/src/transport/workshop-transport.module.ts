import { type DynamicModule, Module } from '@nestjs/common';
import { type WorkshopHandlers } from '../commands/handlers.js';
import { ClaimCommandsController } from './claims.controller.js';
import { CustomerCareCommandsController } from './customer-care.controller.js';
import { FrontDeskCommandsController } from './front-desk.controller.js';
import { RepairOrderCommandsController } from './repair-order.controller.js';
import { WORKSHOP_HANDLERS } from './tokens.js';

/** The workshop command controllers, bound to this process's handlers (passed in, never created at import). */
@Module({})
export class WorkshopTransportModule {
  static forHandlers(handlers: WorkshopHandlers): DynamicModule {
    return {
      module: WorkshopTransportModule,
      controllers: [FrontDeskCommandsController, RepairOrderCommandsController, ClaimCommandsController, CustomerCareCommandsController],
      providers: [{ provide: WORKSHOP_HANDLERS, useValue: handlers }],
    };
  }
}
