import {
  contextCommandsFilter,
  DEAD_LETTER_STREAM,
  DEAD_LETTER_SUBJECTS,
  GROUP_STREAM_NAME,
  integratorDeliverPrefix,
  storeCommandsFilter,
  storeEventsFilter,
} from '@rooftop/contracts';
import { inboxPrefix, integratorStream, type SecurityTopology, storeStream, type UserRef } from './topology.js';

/** What one user may publish and subscribe to (nats-server `permissions`); nothing else is allowed. */
export interface Permissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  /** May answer requests it received (to their reply subject only), without publish rights in `_INBOX`. */
  readonly allowResponses: boolean;
}

// The JetStream API subjects (v2.9) the nats.js client sends for the operations a user needs on one stream.
// Wildcards in NATS are whole tokens, so a permission cannot say "streams named INTEGRATOR_*": each is per name.
const streamRead = (stream: string): string[] => [
  `$JS.API.STREAM.INFO.${stream}`,
  `$JS.API.STREAM.MSG.GET.${stream}`,
  `$JS.API.DIRECT.GET.${stream}`,
  `$JS.API.DIRECT.GET.${stream}.>`,
];
const streamProvision = (stream: string): string[] => [`$JS.API.STREAM.CREATE.${stream}`, `$JS.API.STREAM.UPDATE.${stream}`];
/** Durable and ephemeral consumers of one stream: create, update, info, delete, list, pull, ack, flow control. */
const consumersOf = (stream: string): string[] => [
  `$JS.API.CONSUMER.CREATE.${stream}`,
  `$JS.API.CONSUMER.CREATE.${stream}.>`,
  `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.>`,
  `$JS.API.CONSUMER.INFO.${stream}.>`,
  `$JS.API.CONSUMER.DELETE.${stream}.>`,
  `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
  `$JS.API.CONSUMER.NAMES.${stream}`,
  `$JS.API.CONSUMER.LIST.${stream}`,
  `$JS.ACK.${stream}.>`,
  `$JS.FC.${stream}.>`,
];
/** Account info: what `jetstreamManager()` asks first. Says nothing about streams. */
const JS_ACCOUNT_INFO = '$JS.API.INFO';

const storeCommandsOf = (topology: SecurityTopology): string[] => topology.stores.map((s) => storeCommandsFilter(s.storeId));

/** The permissions of one user of the topology (docs/adr/0015 has the table). */
export const permissionsOf = (topology: SecurityTopology, ref: UserRef): Permissions => {
  const inbox = `${inboxPrefix(ref)}.>`;
  const groupStream = topology.groupStream ?? GROUP_STREAM_NAME;
  switch (ref.zone) {
    case 'store': {
      const stream = storeStream(topology, ref.storeId);
      if (ref.user === 'gateway') return { publish: [storeCommandsFilter(ref.storeId)], subscribe: [inbox], allowResponses: false };
      const relay = ref.user === (topology.relayService ?? 'sales');
      return {
        publish: [
          JS_ACCOUNT_INFO,
          ...[stream, DEAD_LETTER_STREAM].flatMap((s) => [...streamProvision(s), ...streamRead(s)]),
          ...consumersOf(stream),
          DEAD_LETTER_SUBJECTS,
          ...(relay ? [storeEventsFilter(topology.groupId, ref.storeId)] : []),
        ],
        subscribe: [contextCommandsFilter(ref.storeId, ref.user), inbox],
        allowResponses: true,
      };
    }
    case 'hq':
      if (ref.user === 'hq-projector') {
        return {
          publish: [
            JS_ACCOUNT_INFO,
            ...[groupStream, DEAD_LETTER_STREAM].flatMap((s) => [...streamProvision(s), ...streamRead(s)]),
            ...consumersOf(groupStream),
            DEAD_LETTER_SUBJECTS,
          ],
          subscribe: [inbox],
          allowResponses: false,
        };
      }
      if (ref.user === 'integrator-feed') {
        // Reads GROUP_EVENTS (its own consumers) to fill the integrators' streams; writes nothing at HQ.
        return { publish: [JS_ACCOUNT_INFO, ...streamRead(groupStream), ...consumersOf(groupStream)], subscribe: [inbox], allowResponses: false };
      }
      return { publish: storeCommandsOf(topology), subscribe: [inbox], allowResponses: false };
    case 'integrators': {
      if (ref.user === 'integrator-feed') {
        // Manages the integrators' streams and writes their (filtered, masked) events.
        return {
          publish: [JS_ACCOUNT_INFO, '$JS.API.STREAM.>', '$JS.API.CONSUMER.>', '$JS.ACK.>', 'integrator.>'],
          subscribe: [inbox],
          allowResponses: false,
        };
      }
      const name = ref.user.slice('integrator:'.length);
      const stream = integratorStream(name);
      // Reads its own stream and consumers only; subscribes to its inbox (integrator.<name>.inbox) and to where its
      // push consumers deliver (integrator.<name>.deliver), never to the stream's own subjects or anyone else's.
      return {
        publish: [JS_ACCOUNT_INFO, ...streamRead(stream), ...consumersOf(stream)],
        subscribe: [inbox, integratorDeliverPrefix(name), `${integratorDeliverPrefix(name)}.>`],
        allowResponses: false,
      };
    }
    case 'system':
      return { publish: ['>'], subscribe: ['>'], allowResponses: false };
  }
};
