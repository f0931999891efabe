import { headers, type MsgHdrs } from '@nats-io/nats-core';
import { type ContractRegistry, eventSubject } from '@rooftop/contracts';
import { contextOfStream, type RecordedEvent } from '@rooftop/eventsourcing';
import { CLOUDEVENTS_CONTENT_TYPE, encodeCloudEvent, toCloudEvent } from '../cloudevents/envelope.js';

/** Headers every relayed event carries, so tools can route and reconcile without parsing bodies. */
export const EVENT_HEADERS = {
  msgId: 'Nats-Msg-Id',
  /** Set instead of Nats-Msg-Id when reconciliation must bypass a dedup entry whose message was lost. */
  eventId: 'Rooftop-Event-Id',
  position: 'Rooftop-Position',
  /** The position of the event before it in the store's log (0 for the first). */
  previousPosition: 'Rooftop-Previous-Position',
  contentType: 'Content-Type',
  traceparent: 'traceparent',
} as const;

export interface EventMessage {
  readonly subject: string;
  readonly body: Uint8Array;
  readonly headers: MsgHdrs;
}

/** The context of an event: its contract's when known, else its stream's (`sales-lead-1` → `sales`). */
export const contextOfEvent = (event: RecordedEvent, registry?: ContractRegistry): string =>
  registry?.event(event.type)?.context ?? contextOfStream(event.streamId);

/**
 * The JetStream message for a stored event: subject `rooftop.<groupId>.<storeId>.<context>.<EventType>`,
 * a CloudEvents body, and headers for position and W3C trace context. `Nats-Msg-Id` is set by the
 * publisher (msgID option) so JetStream dedups re-publishes.
 */
export const eventMessage = (groupId: string, storeId: string, event: RecordedEvent, registry?: ContractRegistry, previousPosition?: number): EventMessage => {
  const context = contextOfEvent(event, registry);
  const h = headers();
  h.set(EVENT_HEADERS.position, String(event.globalPosition));
  if (previousPosition !== undefined) h.set(EVENT_HEADERS.previousPosition, String(previousPosition));
  h.set(EVENT_HEADERS.contentType, CLOUDEVENTS_CONTENT_TYPE);
  if (event.metadata.traceparent !== undefined) h.set(EVENT_HEADERS.traceparent, event.metadata.traceparent);
  return {
    subject: eventSubject(groupId, storeId, context, event.type),
    body: encodeCloudEvent(toCloudEvent(event, { context, ...(previousPosition !== undefined ? { previousPosition } : {}) })),
    headers: h,
  };
};
