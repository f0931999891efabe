import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry, storeStreamName } from '@rooftop/contracts';
import { type EventStore, type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { EVENT_HEADERS, eventMessage } from './event-message.js';
import { type MessagingLogger, silentLogger } from './logger.js';
import { scanStreamHeaders } from './stream-scan.js';

export interface ReconcileOptions {
  readonly store: EventStore;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly groupId: string;
  readonly storeId: string;
  /** First and last global position to check (inclusive). */
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly batchSize?: number;
  readonly registry?: ContractRegistry;
  readonly logger?: MessagingLogger;
}

export interface ReconcileResult {
  /** Stored events in the range. */
  readonly checked: number;
  /** Of those, events the stream did not hold. */
  readonly missing: number;
  /** Of those, events now stored in the stream again. */
  readonly republished: number;
  /**
   * Of those, events stored behind a later event of the store (the stream held a higher position already):
   * out of log order, so a consumer that skips positions it has passed (HQ) never applies them. Non-zero
   * means such consumers must rebuild (docs/hq.md).
   */
  readonly outOfOrder: number;
}

const checkRange = (from: number, to: number) => {
  const issues = [
    ...(Number.isSafeInteger(from) && from >= 0 ? [] : [{ path: 'fromPosition', message: 'must be a non-negative integer' }]),
    ...(Number.isSafeInteger(to) && to >= 0 ? [] : [{ path: 'toPosition', message: 'must be a non-negative integer' }]),
    ...(from <= to ? [] : [{ path: 'toPosition', message: 'must not be below fromPosition' }]),
  ];
  if (issues.length > 0) throw new ValidationError(`invalid reconcile range ${from}..${to}`, issues);
};

/**
 * Compares the event store with the store's JetStream stream over a position range and re-publishes every
 * event the stream lacks (an acknowledged message lost to a crash before fsync, or deleted by hand).
 *
 * Re-publishing keeps `Nats-Msg-Id`, so an event a relay delivers at the same time is not stored twice. If
 * JetStream still remembers the id (dedup window) although the message is gone, the event is published once
 * more without the id, carrying `Rooftop-Event-Id` instead, because the dedup entry would otherwise keep it out.
 *
 * Re-published events land at the end of the stream. Unless only the stream's tail was lost, that is out of
 * the store log's order (`outOfOrder` counts them); the relay's order guarantee does not cover them.
 */
export const reconcile = async (options: ReconcileOptions): Promise<ReconcileResult> => {
  const { store, js, jsm, groupId, storeId, fromPosition, toPosition, registry } = options;
  checkRange(fromPosition, toPosition);
  const logger = options.logger ?? silentLogger;
  const stream = storeStreamName(groupId, storeId);
  const present = new Set<string>();
  let highest = 0;
  await scanStreamHeaders(js, jsm, stream, (entry) => {
    highest = Math.max(highest, entry.position ?? 0);
    const inRange = entry.position === undefined || (entry.position >= fromPosition && entry.position <= toPosition);
    if (entry.eventId !== undefined && inRange) present.add(entry.eventId);
  });

  let checked = 0;
  let missing = 0;
  let republished = 0;
  let outOfOrder = 0;
  const republish = async (event: RecordedEvent, previousPosition: number) => {
    const message = eventMessage(groupId, storeId, event, registry, previousPosition);
    const ack = await js.publish(message.subject, message.body, { msgID: event.eventId, headers: message.headers });
    if (!ack.duplicate) return true;
    const kept = await jsm.streams.getMessage(stream, { seq: ack.seq });
    if (kept?.header.get(EVENT_HEADERS.msgId) === event.eventId) return false;
    // The client wrote Nats-Msg-Id into the first message's headers, so the second one gets its own.
    const bypass = eventMessage(groupId, storeId, event, registry, previousPosition);
    bypass.headers.set(EVENT_HEADERS.eventId, event.eventId);
    return !(await js.publish(bypass.subject, bypass.body, { headers: bypass.headers })).duplicate;
  };

  // Read from the start of the log: each re-published event names the event before it (previousposition),
  // which may lie anywhere before the range (positions have gaps).
  let after = 0;
  let previous = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: options.batchSize ?? 1_000 });
    for (const event of batch.events) {
      if (event.globalPosition > toPosition) break;
      const before = previous;
      previous = event.globalPosition;
      if (event.globalPosition < fromPosition) continue;
      checked++;
      if (present.has(event.eventId)) continue;
      missing++;
      if (await republish(event, before)) {
        republished++;
        if (event.globalPosition < highest) outOfOrder++;
      }
      logger.warn({ stream, eventId: event.eventId, position: event.globalPosition }, 'event missing from stream; re-published');
    }
    if (batch.checkpoint <= after || batch.checkpoint >= toPosition) break;
    after = batch.checkpoint;
  }
  if (outOfOrder > 0) logger.warn({ stream, outOfOrder }, 'events re-published out of log order (they carry previousposition: HQ applies them in log order)');
  logger.info({ stream, fromPosition, toPosition, checked, missing, republished, outOfOrder }, 'reconciled');
  return { checked, missing, republished, outOfOrder };
};
