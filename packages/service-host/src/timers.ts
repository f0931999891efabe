import { handleInProcess } from '@rooftop/contracts';
import {
  type Actor,
  type Command,
  DomainError,
  type RecordedEvent,
  type ScheduledCommand,
  type ScheduledCommandSender,
  type TimedEvent,
  type TimerSpec,
} from '@rooftop/eventsourcing';

/** The actor of the commands a context's timers send (`workshop-timers`). */
export const timerActor = (context: string): Actor => ({ kind: 'system', id: `${context}-timers`, roles: ['system'] });

/**
 * The timers of recorded events as durable scheduled commands. Schedule id = command id =
 * `<context>:<store>:<timer key>`, so scheduling twice keeps the first entry and delivering twice appends once.
 * The command's `now` is its due time: the business time of the check.
 */
export const scheduledCommandsOf =
  (context: string, timersFor: (event: TimedEvent) => readonly TimerSpec[]) =>
  (recorded: readonly RecordedEvent[]): ScheduledCommand[] =>
    recorded.flatMap((e) =>
      timersFor({ type: e.type, data: e.data, occurredAt: e.metadata.occurredAt }).map((timer) => {
        const id = `${context}:${e.metadata.storeId}:${timer.key}`;
        return {
          scheduleId: id,
          dueAt: timer.dueAt,
          command: {
            commandId: id,
            type: timer.type,
            storeId: e.metadata.storeId,
            actor: timerActor(context),
            data: timer.data,
            metadata: { now: timer.dueAt.toISOString(), correlationId: e.metadata.correlationId, causationId: e.eventId },
          },
        };
      }),
    );

export interface TimerSenderLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * What the ScheduledCommandDispatcher calls for a due timer: the handler the transport uses, in process. A rule
 * violation is a final answer (retrying cannot change it), so it counts as delivered and is logged; any other
 * failure is thrown and the dispatcher retries with backoff.
 */
export const timerSender =
  (context: string, handlers: object, logger: TimerSenderLogger): ScheduledCommandSender =>
  async (command: Command) => {
    try {
      await handleInProcess(context, handlers, command);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.warn({ commandId: command.commandId, type: command.type, reason: error.reason }, 'scheduled command refused by a rule');
    }
  };
