import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type workshop as w } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type WorkshopHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { WORKSHOP_HANDLERS } from './tokens.js';

/** A repair order from intake to release. The transport has validated each command against its contract before it gets here. */
@Controller()
export class RepairOrderCommandsController {
  constructor(@Inject(WORKSHOP_HANDLERS) private readonly handlers: WorkshopHandlers) {}

  @CommandPattern('OpenRepairOrder')
  openRepairOrder(@Payload() command: CommandOf<typeof w.OpenRepairOrder>) {
    return this.handlers.OpenRepairOrder(command);
  }

  @CommandPattern('AgreeEstimate')
  agreeEstimate(@Payload() command: CommandOf<typeof w.AgreeEstimate>) {
    return this.handlers.AgreeEstimate(command);
  }

  @CommandPattern('DispatchJob')
  dispatchJob(@Payload() command: CommandOf<typeof w.DispatchJob>) {
    return this.handlers.DispatchJob(command);
  }

  @CommandPattern('ReportProgress')
  reportProgress(@Payload() command: CommandOf<typeof w.ReportProgress>) {
    return this.handlers.ReportProgress(command);
  }

  @CommandPattern('CompleteWork')
  completeWork(@Payload() command: CommandOf<typeof w.CompleteWork>) {
    return this.handlers.CompleteWork(command);
  }

  @CommandPattern('RecordQualityCheck')
  recordQualityCheck(@Payload() command: CommandOf<typeof w.RecordQualityCheck>) {
    return this.handlers.RecordQualityCheck(command);
  }

  @CommandPattern('RecordVehicleWash')
  recordVehicleWash(@Payload() command: CommandOf<typeof w.RecordVehicleWash>) {
    return this.handlers.RecordVehicleWash(command);
  }

  @CommandPattern('InvoiceRepairOrder')
  invoiceRepairOrder(@Payload() command: CommandOf<typeof w.InvoiceRepairOrder>) {
    return this.handlers.InvoiceRepairOrder(command);
  }

  @CommandPattern('ReleaseVehicle')
  releaseVehicle(@Payload() command: CommandOf<typeof w.ReleaseVehicle>) {
    return this.handlers.ReleaseVehicle(command);
  }
}
