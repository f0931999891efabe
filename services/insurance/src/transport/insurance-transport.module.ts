import { type DynamicModule, Module } from '@nestjs/common';
import { type InsuranceHandlers } from '../commands/handlers.js';
import { ClaimCommandsController } from './claim.controller.js';
import { PolicyCommandsController } from './policy.controller.js';
import { INSURANCE_HANDLERS } from './tokens.js';

/** The insurance command controllers, bound to this process's handlers (passed in, never created at import). */
@Module({})
export class InsuranceTransportModule {
  static forHandlers(handlers: InsuranceHandlers): DynamicModule {
    return {
      module: InsuranceTransportModule,
      controllers: [PolicyCommandsController, ClaimCommandsController],
      providers: [{ provide: INSURANCE_HANDLERS, useValue: handlers }],
    };
  }
}
