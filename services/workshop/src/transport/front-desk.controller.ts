import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type workshop as w } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type WorkshopHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { WORKSHOP_HANDLERS } from './tokens.js';

/** Appointments and the technician roster. The transport has validated each command against its contract before it gets here. */
@Controller()
export class FrontDeskCommandsController {
  constructor(@Inject(WORKSHOP_HANDLERS) private readonly handlers: WorkshopHandlers) {}

  @CommandPattern('BookAppointment')
  bookAppointment(@Payload() command: CommandOf<typeof w.BookAppointment>) {
    return this.handlers.BookAppointment(command);
  }

  @CommandPattern('RecordAppointmentArrival')
  recordAppointmentArrival(@Payload() command: CommandOf<typeof w.RecordAppointmentArrival>) {
    return this.handlers.RecordAppointmentArrival(command);
  }

  @CommandPattern('RecordAppointmentNoShow')
  recordAppointmentNoShow(@Payload() command: CommandOf<typeof w.RecordAppointmentNoShow>) {
    return this.handlers.RecordAppointmentNoShow(command);
  }

  @CommandPattern('CancelAppointment')
  cancelAppointment(@Payload() command: CommandOf<typeof w.CancelAppointment>) {
    return this.handlers.CancelAppointment(command);
  }

  @CommandPattern('CheckAppointmentNoShow')
  checkAppointmentNoShow(@Payload() command: CommandOf<typeof w.CheckAppointmentNoShow>) {
    return this.handlers.CheckAppointmentNoShow(command);
  }

  @CommandPattern('RegisterTechnician')
  registerTechnician(@Payload() command: CommandOf<typeof w.RegisterTechnician>) {
    return this.handlers.RegisterTechnician(command);
  }

  @CommandPattern('DeactivateTechnician')
  deactivateTechnician(@Payload() command: CommandOf<typeof w.DeactivateTechnician>) {
    return this.handlers.DeactivateTechnician(command);
  }
}
