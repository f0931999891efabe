import { type Command, DomainError, RooftopError, type ScheduledCommandSender } from '@rooftop/eventsourcing';
import { type HrHandlers } from './handlers.js';

export interface TimerSenderLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * What the ScheduledCommandDispatcher calls for a due timer: the transport's handler, in process. A rule
 * violation is final (counts as delivered, logged); any other failure is thrown and retried with backoff.
 */
export const timerSender =
  (handlers: HrHandlers, logger: TimerSenderLogger): ScheduledCommandSender =>
  async (command: Command) => {
    const handle = (handlers as Readonly<Record<string, HrHandlers[keyof HrHandlers] | undefined>>)[command.type];
    if (!handle) throw new RooftopError('UNKNOWN_COMMAND', `no hr handler for scheduled command ${command.type}`);
    try {
      await handle(command);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.warn({ commandId: command.commandId, type: command.type, reason: error.reason }, 'scheduled command refused by a rule');
    }
  };
