import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type EventMessage } from '@rooftop/messaging';
import { type PostgresEventStore } from '@rooftop/eventstore-postgres';
import { perSecond } from '../stats.js';
import { type BenchNats } from './nats.js';

/** EventRelay's default publish window (maxInFlight). */
export const relayDefaultWindow = 256;

/** The first `count` events of the log, read before any clock starts. */
export const readEvents = async (store: PostgresEventStore, count: number): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let after = 0;
  while (events.length < count) {
    const batch = await store.readAll({ after, maxCount: Math.min(5_000, count - events.length) });
    if (batch.checkpoint <= after) break;
    events.push(...batch.events);
    after = batch.checkpoint;
  }
  return events;
};

/**
 * Publishes prepared messages with at most `window` unacknowledged, acks awaited in order, refilled half a
 * window at a time (as the relay does): the rate JetStream and the client reach with nothing in front of them.
 */
export const publishPipelined = async (nats: BenchNats, messages: ReadonlyArray<{ message: EventMessage; id: string }>, window: number): Promise<number> => {
  const started = performance.now();
  const inFlight: Array<Promise<unknown>> = [];
  for (const { message, id } of messages) {
    inFlight.push(nats.js.publish(message.subject, message.body, { msgID: id, headers: message.headers }));
    if (inFlight.length >= window) while (inFlight.length > window / 2) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return perSecond(messages.length, performance.now() - started);
};
