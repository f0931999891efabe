import { contextOfStream, type RecordedEvent } from '@rooftop/eventsourcing';
import { z } from 'zod';

/**
 * A Rooftop event as a CloudEvents 1.0 structured-mode JSON envelope. Extension attribute names follow the
 * spec (lowercase a-z0-9 only), so they survive every CloudEvents SDK and binding unchanged.
 */
export interface CloudEvent<TData = unknown> {
  readonly specversion: '1.0';
  /** The event id (UUIDv7); unique per source, and the `Nats-Msg-Id` on JetStream. */
  readonly id: string;
  /** `/rooftop/<groupId>/<storeId>` */
  readonly source: string;
  /** `rooftop.<context>.<EventType>.v<schemaVersion>` */
  readonly type: string;
  /** The event-store stream id (`<context>-<aggregate>-<id>`). */
  readonly subject: string;
  /** When the business fact happened (the command's `now`). */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly data: TData;
  readonly groupid: string;
  readonly storeid: string;
  readonly streamid: string;
  readonly streamversion: number;
  /** The event's global position in its store's log. */
  readonly position: number;
  /**
   * The position of the event before this one in its store's log (0 for the first). Positions have gaps, so
   * this is what lets a consumer tell that an event of the store has not reached it yet (HQ applies a store's
   * events in log order with it). Set by the relay and by reconciliation.
   */
  readonly previousposition?: number;
  readonly schemaversion: number;
  readonly correlationid: string;
  readonly causationid?: string;
  readonly commandid?: string;
  /** W3C trace context of the command that caused the event. */
  readonly traceparent?: string;
  /** Comma-separated data fields replaced by a mask (see `maskPersonalData`). */
  readonly maskedfields?: string;
  /** The store's IANA time zone; set on integrators' copies (docs/integrators.md). */
  readonly storetimezone?: string;
  /** `time` as a calendar day in the store's time zone (`YYYY-MM-DD`); set on integrators' copies. */
  readonly businessdate?: string;
}

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

export const cloudEventSource = (groupId: string, storeId: string): string => `/rooftop/${groupId}/${storeId}`;

export const cloudEventType = (context: string, eventType: string, schemaVersion: number): string => `rooftop.${context}.${eventType}.v${schemaVersion}`;

const TYPE_PATTERN = /^rooftop\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.v([1-9][0-9]*)$/;

/** Splits a CloudEvent type into context, event type and schema version; undefined when it is not ours. */
export const parseCloudEventType = (type: string): { context: string; eventType: string; schemaVersion: number } | undefined => {
  const match = TYPE_PATTERN.exec(type);
  return match ? { context: match[1]!, eventType: match[2]!, schemaVersion: Number(match[3]) } : undefined;
};

const positiveInt = z.number().int().positive();

/** The envelope as it must arrive; unknown extra attributes are allowed (CloudEvents says ignore them). */
export const cloudEventSchema = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().regex(/^\/rooftop\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/, 'must be /rooftop/<groupId>/<storeId>'),
  type: z.string().regex(TYPE_PATTERN, 'must be rooftop.<context>.<EventType>.v<N>'),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  groupid: z.string().min(1),
  storeid: z.string().min(1),
  streamid: z.string().min(1),
  streamversion: positiveInt,
  position: positiveInt,
  previousposition: z.number().int().min(0).optional(),
  schemaversion: positiveInt,
  correlationid: z.string().min(1),
  causationid: z.string().min(1).optional(),
  commandid: z.string().min(1).optional(),
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'must be a W3C traceparent')
    .optional(),
  maskedfields: z.string().optional(),
  storetimezone: z.string().min(1).optional(),
  businessdate: z.iso.date().optional(),
});

export interface ToCloudEventOptions {
  /** The event's context; default the stream's (`sales-lead-1` → `sales`). */
  readonly context?: string;
  /** The position of the event before it in the store's log (0 for the first), when the publisher knows it. */
  readonly previousPosition?: number;
}

/** Wraps a stored event in its CloudEvents envelope; ids and placement come from the event's metadata. */
export const toCloudEvent = <TData>(event: RecordedEvent<string, TData>, options: ToCloudEventOptions = {}): CloudEvent<TData> => {
  const { metadata } = event;
  const context = options.context ?? contextOfStream(event.streamId);
  return {
    specversion: '1.0',
    id: event.eventId,
    source: cloudEventSource(metadata.groupId, metadata.storeId),
    type: cloudEventType(context, event.type, event.schemaVersion),
    subject: event.streamId,
    time: metadata.occurredAt,
    datacontenttype: 'application/json',
    data: event.data,
    groupid: metadata.groupId,
    storeid: metadata.storeId,
    streamid: event.streamId,
    streamversion: event.streamVersion,
    position: event.globalPosition,
    ...(options.previousPosition !== undefined ? { previousposition: options.previousPosition } : {}),
    schemaversion: event.schemaVersion,
    correlationid: metadata.correlationId,
    ...(metadata.causationId !== undefined ? { causationid: metadata.causationId } : {}),
    ...(metadata.commandId !== undefined ? { commandid: metadata.commandId } : {}),
    ...(metadata.traceparent !== undefined ? { traceparent: metadata.traceparent } : {}),
  };
};

const encoder = new TextEncoder();

export const encodeCloudEvent = (event: CloudEvent): Uint8Array => encoder.encode(JSON.stringify(event));
