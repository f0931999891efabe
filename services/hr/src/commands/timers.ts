import { type Actor, type RecordedEvent, type ScheduledCommand } from '@rooftop/eventsourcing';
import { type HrSettings } from '../domain/settings.js';
import { timersFor } from '../domain/timers.js';

export const TIMER_ACTOR: Actor = { kind: 'system', id: 'hr-timers', roles: ['system'] };

/**
 * Durable scheduled commands of recorded events. Schedule id = command id = `hr:<store>:<timer key>`, so
 * scheduling twice keeps the first entry and delivering twice appends once; `now` is the due time.
 */
export const scheduledCommandsOf =
  (settings: HrSettings) =>
  (recorded: readonly RecordedEvent[]): ScheduledCommand[] =>
    recorded.flatMap((e) =>
      timersFor(e, settings).map((timer) => {
        const id = `hr:${e.metadata.storeId}:${timer.key}`;
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
