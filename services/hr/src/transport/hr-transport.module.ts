import { type DynamicModule, Module } from '@nestjs/common';
import { type HrHandlers } from '../commands/handlers.js';
import { CommissionCommandsController } from './commission.controller.js';
import { EmployeeCommandsController } from './employee.controller.js';
import { StaffingCommandsController } from './staffing.controller.js';
import { HR_HANDLERS } from './tokens.js';
import { TrainingCommandsController } from './training.controller.js';

/** The HR command controllers, bound to this process's handlers (passed in, never created at import). */
@Module({})
export class HrTransportModule {
  static forHandlers(handlers: HrHandlers): DynamicModule {
    return {
      module: HrTransportModule,
      controllers: [StaffingCommandsController, EmployeeCommandsController, TrainingCommandsController, CommissionCommandsController],
      providers: [{ provide: HR_HANDLERS, useValue: handlers }],
    };
  }
}
