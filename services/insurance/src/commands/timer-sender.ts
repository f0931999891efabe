import { type Command, DomainError, RooftopError, type ScheduledCommandSender } from '@rooftop/eventsourcing';
import { type InsuranceCommandType, type InsuranceHandlers } from './handlers.js';

export interface TimerSenderLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * What the ScheduledCommandDispatcher calls for a due timer: the same handler the transport uses, in
 * process. A rule violation is a final answer (retrying cannot change it), so it counts as delivered and is
 * logged; any other failure is thrown and the dispatcher retries with backoff.
 */
export const timerSender =
  (handlers: InsuranceHandlers, logger: TimerSenderLogger): ScheduledCommandSender =>
  async (command: Command) => {
    const handle = (handlers as Readonly<Record<string, InsuranceHandlers[InsuranceCommandType] | undefined>>)[command.type];
    if (!handle) throw new RooftopError('UNKNOWN_COMMAND', `no insurance handler for scheduled command ${command.type}`);
    try {
      await handle(command);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.warn({ commandId: command.commandId, type: command.type, reason: error.reason }, 'scheduled command refused by a rule');
    }
  };
