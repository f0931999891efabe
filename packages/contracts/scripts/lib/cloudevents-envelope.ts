import { type JsonSchema } from './json-schemas.js';

// The CloudEvents 1.0 structured-mode envelope the relay publishes (docs/architecture.md §4). Written as JSON Schema
// draft-07, the dialect AsyncAPI 3.0 schema objects are based on. Each message narrows `data` and
// `schemaversion` to one event version.

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const INT64 =
  'An int64, written as a JSON number: positions come from a PostgreSQL bigint and stay below 2^53 (9,007,199,254,740,991), so every JSON parser reads them exactly; a consumer in a language with native integers should still store them as 64-bit.';

export const natsHeaders: JsonSchema = {
  type: 'object',
  description: 'NATS message headers',
  required: ['Nats-Msg-Id'],
  properties: {
    'Nats-Msg-Id': { type: 'string', description: 'The event id; JetStream drops a re-published event within the duplicate window' },
    'Content-Type': { const: 'application/cloudevents+json', description: 'Media type of the body' },
    'Rooftop-Position': { type: 'string', pattern: '^[0-9]+$', description: "The event's position (as `position`), readable without parsing the body" },
    'Rooftop-Previous-Position': { type: 'string', pattern: '^[0-9]+$', description: 'As `previousposition`' },
    'Nats-Stream-Source': {
      type: 'string',
      description:
        'Set by JetStream on the copies in GROUP_EVENTS (sourced from the store streams): `<store stream name>:<hash of the store domain API> <sequence in the store stream>`, e.g. `STORE_EVENTS_DEMO_GROUP_SH_001:7GOAUEZh 1` (nats-server 2.9.10). It names where the copy came from; consumers need not read it, and the integrator streams do not carry it.',
    },
    'Rooftop-Group-Sequence': {
      type: 'string',
      pattern: '^[0-9]+$',
      description: "On an integrator's stream only: the GROUP_EVENTS sequence the event was copied from (the feed resumes from it)",
    },
    traceparent: { type: 'string', description: 'W3C trace context, when present' },
  },
};

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
    'previousposition',
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
    streamversion: { type: 'integer', format: 'int64', minimum: 1, maximum: MAX_SAFE, description: 'Version of the stream after this event (starts at 1)' },
    position: {
      type: 'integer',
      format: 'int64',
      minimum: 1,
      maximum: MAX_SAFE,
      description: `Position in the store's event log; with storeid it identifies the event for idempotent consumers. ${INT64}`,
    },
    previousposition: {
      type: 'integer',
      format: 'int64',
      minimum: 0,
      maximum: MAX_SAFE,
      description:
        "Position of the event before this one in its store's log (0 for the first): positions have gaps, so it tells a consumer that an event of the store has not reached it yet. Always set. In an integrator's stream INTEGRATOR_<NAME> it is the store's previous event in that stream (the grant filters events out), so a consumer's check is the same either way.",
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
    storetimezone: {
      type: 'string',
      description:
        "IANA time zone of the store (e.g. Asia/Shanghai); set on the events of an integrator's stream (INTEGRATOR_<NAME>). Business dates, and every KPI, are counted in it.",
    },
    businessdate: {
      type: 'string',
      format: 'date',
      description:
        "`time` as a calendar day in the store's time zone (YYYY-MM-DD); set on the events of an integrator's stream, and what a business-date replay selects on.",
    },
  },
};
