import { type EventStore } from '@rooftop/eventsourcing';
import { type LogEvent, logEventOf } from './hash.js';

/** Every event of a store through the port, in log order, each naming its predecessor's position. */
export async function* logEventsOf(store: EventStore, batchSize = 1_000): AsyncGenerator<LogEvent> {
  let after = 0;
  let previous = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    for (const event of batch.events) {
      yield logEventOf(event, previous);
      previous = event.globalPosition;
    }
    if (batch.checkpoint === after) return;
    after = batch.checkpoint;
  }
}
