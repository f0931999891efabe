import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type hr } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type HrHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { HR_HANDLERS } from './tokens.js';

/** Training sessions. The transport has validated each command against its contract before it gets here. */
@Controller()
export class TrainingCommandsController {
  constructor(@Inject(HR_HANDLERS) private readonly handlers: HrHandlers) {}

  @CommandPattern('RecordTrainingSession')
  recordTrainingSession(@Payload() command: CommandOf<typeof hr.RecordTrainingSession>) {
    return this.handlers.RecordTrainingSession(command);
  }
}
