import { type Actor, type RecordedEvent, type ScheduledCommand } from '@rooftop/eventsourcing';
import { type InsuranceSettings } from '../domain/settings.js';
import { timersFor } from '../domain/timers.js';

export const TIMER_ACTOR: Actor = { kind: 'system', id: 'insurance-timers', roles: ['system'] };

/**
 * The timers of recorded events as durable scheduled commands. Schedule id = command id =
 * `insurance:<store>:<timer key>`, so scheduling twice keeps the first entry and delivering twice appends once.
 * The command's `now` is its due time.
 */
export const scheduledCommandsOf =
  (settings: InsuranceSettings) =>
  (recorded: readonly RecordedEvent[]): ScheduledCommand[] =>
    recorded.flatMap((e) =>
      timersFor({ type: e.type, data: e.data, occurredAt: e.metadata.occurredAt }, settings).map((timer) => {
        const id = `insurance:${e.metadata.storeId}:${timer.key}`;
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
