import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type HqEvent } from './log-order.js';

// The CloudEvent carries no actor: HQ projections count facts, never who pressed the button.
const HQ_ACTOR = { kind: 'system', id: 'hq-projector' } as const;

/**
 * An event from GROUP_EVENTS (decoded, or held as JSON until its predecessor came) in the shape a projection
 * reads from a store's log: same ids, stream, version, store-wide position, business time and (upcast) data,
 * so the shared projections cannot tell the two sources apart.
 */
export const recordedEventOf = (event: HqEvent, recordedAt: Date): RecordedEvent => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.position,
  recordedAt,
  metadata: {
    storeId: event.storeId,
    groupId: event.groupId,
    correlationId: event.correlationId,
    occurredAt: event.occurredAt,
    actor: HQ_ACTOR,
    ...(event.causationId !== undefined ? { causationId: event.causationId } : {}),
    ...(event.commandId !== undefined ? { commandId: event.commandId } : {}),
    ...(event.traceparent !== undefined ? { traceparent: event.traceparent } : {}),
  },
});
