import { type Actor, type RecordedEvent, type ScheduledCommand } from '@rooftop/eventsourcing';
import { type WorkshopSettings } from '../domain/settings.js';
import { type TimedEvent, timersFor } from '../domain/timers.js';

export const TIMER_ACTOR: Actor = { kind: 'system', id: 'workshop-timers', roles: ['system'] };

/**
 * Turns the timers of recorded events into durable scheduled commands. The schedule id and the command id
 * are the same deterministic key (`workshop:<store>:<timer key>`), so scheduling twice keeps the first entry
 * and delivering twice appends once. The command's `now` is its due time: the business time of the check.
 */
export const scheduledCommandsOf =
  (settings: WorkshopSettings) =>
  (recorded: readonly RecordedEvent[]): ScheduledCommand[] =>
    recorded.flatMap((e) =>
      timersFor({ type: e.type, data: e.data, occurredAt: e.metadata.occurredAt } as TimedEvent, settings).map((timer) => {
        const id = `workshop:${e.metadata.storeId}:${timer.key}`;
        return {
          scheduleId: id,
          dueAt: timer.dueAt,
          command: {
            commandId: id,
            type: timer.type,
            storeId: e.metadata.storeId,
            actor: TIMER_ACTOR,
            data: timer.data,
            metadata: { now: timer.dueAt.toISOString(), correlationId: e.metadata.correlationId, causationId: e.eventId },
          },
        };
      }),
    );
