import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type hr } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type HrHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { HR_HANDLERS } from './tokens.js';

/** Departments, the staffing plan and who fills which seat. The transport has validated each command against its contract before it gets here. */
@Controller()
export class StaffingCommandsController {
  constructor(@Inject(HR_HANDLERS) private readonly handlers: HrHandlers) {}

  @CommandPattern('DefineDepartment')
  defineDepartment(@Payload() command: CommandOf<typeof hr.DefineDepartment>) {
    return this.handlers.DefineDepartment(command);
  }

  @CommandPattern('DefinePosition')
  definePosition(@Payload() command: CommandOf<typeof hr.DefinePosition>) {
    return this.handlers.DefinePosition(command);
  }

  @CommandPattern('ApproveExtraHeadcount')
  approveExtraHeadcount(@Payload() command: CommandOf<typeof hr.ApproveExtraHeadcount>) {
    return this.handlers.ApproveExtraHeadcount(command);
  }

  @CommandPattern('HireEmployee')
  hireEmployee(@Payload() command: CommandOf<typeof hr.HireEmployee>) {
    return this.handlers.HireEmployee(command);
  }

  @CommandPattern('TransferEmployee')
  transferEmployee(@Payload() command: CommandOf<typeof hr.TransferEmployee>) {
    return this.handlers.TransferEmployee(command);
  }

  @CommandPattern('RecordLeaving')
  recordLeaving(@Payload() command: CommandOf<typeof hr.RecordLeaving>) {
    return this.handlers.RecordLeaving(command);
  }
}
