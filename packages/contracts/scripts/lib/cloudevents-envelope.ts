import { type JsonSchema } from './json-schemas.js';

// The CloudEvents 1.0 structured-mode envelope the relay publishes (docs/architecture.md §4). Written as JSON Schema
// draft-07, the dialect AsyncAPI 3.0 schema objects are based on. Each message narrows `data` and
// `schemaversion` to one event version.

export const cloudEventEnvelope: JsonSchema = {
  type: 'object',
  description: 'CloudEvents 1.0 structured JSON envelope with Rooftop extension attributes',
  required: [
    'specversion',
    'id',
    'source',
    'type',
    'subject',
    'time',
    'datacontenttype',
    'data',
    'storeid',
    'groupid',
    'streamid',
    'streamversion',
    'position',
    'schemaversion',
    'correlationid',
  ],
  properties: {
    specversion: { const: '1.0', description: 'CloudEvents version' },
    id: { type: 'string', description: 'Event id (UUIDv7); equals the Nats-Msg-Id header' },
    source: {
      type: 'string',
      format: 'uri-reference',
      pattern: '^/rooftop/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$',
      description: 'Store that recorded the event: /rooftop/<groupId>/<storeId>',
    },
    type: { type: 'string', description: 'rooftop.<context>.<EventType>.v<schemaVersion>' },
    subject: { type: 'string', description: 'Stream id, `<context>-<aggregate>-<id>`' },
    time: { type: 'string', format: 'date-time', description: 'When the business fact happened (occurredAt)' },
    datacontenttype: { const: 'application/json', description: 'Media type of data' },
    data: { type: 'object', description: 'Event data; its schema is given per message' },
    storeid: { type: 'string', description: 'Store id' },
    groupid: { type: 'string', description: 'Dealer group id' },
    streamid: { type: 'string', description: 'Stream id (same as subject)' },
    streamversion: { type: 'integer', minimum: 1, description: 'Version of the stream after this event (starts at 1)' },
    position: { type: 'integer', minimum: 1, description: "Position in the store's event log; with storeid it identifies the event for idempotent consumers" },
    previousposition: {
      type: 'integer',
      minimum: 0,
      description: "Position of the event before this one in its store's log (0 for the first; set by the relay): positions have gaps, so it tells a consumer that an event of the store has not reached it yet",
    },
    schemaversion: { type: 'integer', minimum: 1, description: 'Schema version of data' },
    correlationid: { type: 'string', description: 'Id shared by every command and event of one business interaction' },
    causationid: { type: 'string', description: 'Id of the command or event that caused this one, when known' },
    commandid: { type: 'string', description: 'Id of the command that produced the event, when there was one' },
    maskedfields: {
      type: 'string',
      description: "Comma-separated data fields replaced by '***' because the subscriber's grant excludes personal data",
    },
    traceparent: { type: 'string', description: 'W3C trace context, when the command carried one' },
  },
};

export const natsHeaders: JsonSchema = {
  type: 'object',
  description: 'NATS message headers',
  required: ['Nats-Msg-Id'],
  properties: {
    'Nats-Msg-Id': { type: 'string', description: 'The event id; JetStream drops a re-published event within the duplicate window' },
    traceparent: { type: 'string', description: 'W3C trace context, when present' },
  },
};
