import { stringify } from 'yaml';
import { eventSubjectTemplate, GROUP_STREAM_NAME, integratorStreamName, storeStreamName, type ContextContracts, type EventContract } from '../../src/index.js';
import { sortKeys, sortedRecord } from './canonical-json.js';
import { cloudEventEnvelope, natsHeaders } from './cloudevents-envelope.js';
import { eventJsonSchema, eventVersions, type JsonSchema } from './json-schemas.js';

// The AsyncAPI 3.0 document integrators read: one channel per event type, one `receive` operation per channel,
// one message per published schema version (the store log keeps old versions, so the wire can carry them).

const channelKey = (e: EventContract): string => `${e.context}.${e.type}`;
const messageKey = (e: EventContract, version: number): string => `${e.context}.${e.type}.v${version}`;

const message = (e: EventContract, version: number): JsonSchema => ({
  name: e.type,
  title: `${e.type} v${version}`,
  summary: e.description,
  ...(e.personalData.length > 0
    ? {
        description: `Personal data: ${[...e.personalData].sort().join(', ')}. Without a grant for it these fields hold '***' and are named in \`maskedfields\`.`,
      }
    : {}),
  contentType: 'application/cloudevents+json',
  headers: { $ref: '#/components/schemas/NatsHeaders' },
  payload: {
    allOf: [
      { $ref: '#/components/schemas/CloudEvent' },
      {
        type: 'object',
        properties: {
          // Same format as @rooftop/messaging's cloudEventType (contracts cannot import messaging).
          type: { const: `rooftop.${e.context}.${e.type}.v${version}`, description: 'CloudEvents type of this message' },
          schemaversion: { const: version, description: 'Schema version of `data`' },
          data: { $ref: `#/components/schemas/${messageKey(e, version)}` },
        },
      },
    ],
  },
});

const parameters = {
  groupId: { description: 'Dealer group id (GROUP_ID of the deployment)' },
  storeId: { description: 'Store id (STORE_ID of the deployment)' },
};

export const buildAsyncApi = (contexts: readonly ContextContracts[], version: string): JsonSchema => {
  const events = contexts.flatMap((c) => c.events);
  const versions = events.flatMap((e) => eventVersions(e).map((v) => ({ e, v })));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Rooftop events',
      version,
      description: [
        'Business events of every Rooftop store, as published on NATS JetStream.',
        `Streams: each store publishes to its own stream ${storeStreamName('GROUP', 'STORE').replace('GROUP_STORE', '<GROUP>_<STORE>')} (subjects \`rooftop.<groupId>.<storeId>.>\`, on the store's own NATS, JetStream domain = store id); group HQ's stream ${GROUP_STREAM_NAME} sources every store (domain "hq").`,
        `Integrators read neither: each gets ${integratorStreamName('NAME').replace('NAME', '<NAME>')} at HQ, the events of its grant with personal data masked unless granted, on subjects \`integrator.<name>.events.<groupId>.<storeId>.<context>.<EventType>\` (the channels below, under that prefix), plus \`storetimezone\` and \`businessdate\` on every event. docs/integrators.md has the client, the replay from a position or a business date, and webhooks.`,
        "Read through consumers with subject filters, from any stream sequence, or from a business date through the stream's index.",
        'The body is a CloudEvents 1.0 structured JSON envelope; `Nats-Msg-Id` equals the event id, so a re-published event is dropped by JetStream deduplication and consumers stay idempotent on it.',
        'A changed meaning gets a new schema version; older versions stay valid on the wire (see `schemaversion`).',
      ].join('\n'),
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      hq: {
        host: '{host}',
        protocol: 'nats',
        description: `NATS hub at group HQ (JetStream domain "hq": ${GROUP_STREAM_NAME} and the integrators' streams). \`npm start\` runs it on 127.0.0.1:4230 (NATS_PORT_BASE).`,
        variables: { host: { default: '127.0.0.1:4230', description: 'host:port of the HQ NATS hub' } },
        security: [{ $ref: '#/components/securitySchemes/nkey' }],
      },
    },
    channels: sortedRecord(
      events.map((e) => [
        channelKey(e),
        {
          address: eventSubjectTemplate(e.context, e.type),
          title: e.type,
          description: e.description,
          parameters,
          messages: sortedRecord(eventVersions(e).map((v) => [`${e.type}.v${v.version}`, { $ref: `#/components/messages/${messageKey(e, v.version)}` }])),
        },
      ]),
    ),
    operations: sortedRecord(
      events.map((e) => [
        `receive${e.type}`,
        {
          action: 'receive',
          title: `Receive ${e.type}`,
          summary: e.description,
          channel: { $ref: `#/channels/${channelKey(e)}` },
          messages: eventVersions(e).map((v) => ({ $ref: `#/channels/${channelKey(e)}/messages/${e.type}.v${v.version}` })),
        },
      ]),
    ),
    components: {
      securitySchemes: {
        nkey: {
          type: 'asymmetricEncryption',
          description:
            "NATS nkey authentication: the integrator holds an Ed25519 seed (SU…) issued with its grant and signs the server's nonce; the hub's configuration holds only the public key. The user may only read its own stream INTEGRATOR_<NAME> through the JetStream API and must use the inbox prefix `integrator.<name>.inbox`. Revoking the grant closes its connections at once.",
        },
      },
      schemas: sortedRecord<unknown>([
        ['CloudEvent', cloudEventEnvelope],
        ['NatsHeaders', natsHeaders],
        ...versions.map(({ e, v }) => [messageKey(e, v.version), sortKeys(eventJsonSchema(e, v, 'draft-7'))] as const),
      ]),
      messages: sortedRecord(versions.map(({ e, v }) => [messageKey(e, v.version), message(e, v.version)])),
    },
  };
};

/** YAML without anchors (shared objects are written out in full) and without line folding, for stable diffs. */
export const renderAsyncApi = (doc: JsonSchema): string => stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
