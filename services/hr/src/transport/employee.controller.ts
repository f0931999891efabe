import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type hr } from '@rooftop/contracts';
import { CommandPattern } from '@rooftop/messaging';
import { type HrHandlers } from '../commands/handlers.js';
import { type CommandOf } from '../domain/messages.js';
import { HR_HANDLERS } from './tokens.js';

/** Probation, pay, onboarding and appraisals of one employee. The transport has validated each command against its contract before it gets here. */
@Controller()
export class EmployeeCommandsController {
  constructor(@Inject(HR_HANDLERS) private readonly handlers: HrHandlers) {}

  @CommandPattern('PassProbation')
  passProbation(@Payload() command: CommandOf<typeof hr.PassProbation>) {
    return this.handlers.PassProbation(command);
  }

  @CommandPattern('AdjustSalary')
  adjustSalary(@Payload() command: CommandOf<typeof hr.AdjustSalary>) {
    return this.handlers.AdjustSalary(command);
  }

  @CommandPattern('CompleteOnboardingTraining')
  completeOnboardingTraining(@Payload() command: CommandOf<typeof hr.CompleteOnboardingTraining>) {
    return this.handlers.CompleteOnboardingTraining(command);
  }

  @CommandPattern('CheckOnboardingTraining')
  checkOnboardingTraining(@Payload() command: CommandOf<typeof hr.CheckOnboardingTraining>) {
    return this.handlers.CheckOnboardingTraining(command);
  }

  @CommandPattern('ScoreAppraisal')
  scoreAppraisal(@Payload() command: CommandOf<typeof hr.ScoreAppraisal>) {
    return this.handlers.ScoreAppraisal(command);
  }
}
