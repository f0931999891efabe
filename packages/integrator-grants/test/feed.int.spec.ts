import { jetstream, type JetStreamClient, type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { integratorEventsFilter, integratorStreamName, platformRegistry } from '@rooftop/contracts';
import { salesEvents } from '@rooftop/kpis/testing';
import { encodeCloudEvent, toCloudEvent } from '@rooftop/messaging';
import { type NatsServer, startNatsServer, uniqueStreamSuffix, waitFor } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegratorFeed, parseGrant } from '../src/index.js';

// The feed's edges on a test-owned nats-server, with a stream standing in for GROUP_EVENTS: a message that is no
// CloudEvent, and an event of a store HQ's directory does not know yet.

describe('IntegratorFeed', () => {
  const group = `g${uniqueStreamSuffix()}`;
  const groupStream = `GROUP_${group.toUpperCase()}`;
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: groupStream, subjects: [`rooftop.${group}.>`] });
  });
  afterAll(async () => {
    await nc?.close();
    await server?.dispose();
  });

  const publishLead = async (storeId: string, position: number) => {
    const built = salesEvents({ storeId, groupId: group }).leadCaptured({ leadId: `l-${storeId}`, channel: 'walk_in', brand: 'BYD' }, '2026-03-01T02:00:00Z');
    const recorded = { ...built.event, streamId: built.streamId, streamVersion: 1, globalPosition: position, recordedAt: new Date() };
    await js.publish(`rooftop.${group}.${storeId}.sales.LeadCaptured`, encodeCloudEvent(toCloudEvent(recorded, { previousPosition: 0 })), {
      msgID: recorded.eventId,
    });
  };

  it('passes by what is not a CloudEvent, and waits for a store to be in the directory instead of skipping it', async () => {
    await js.publish(`rooftop.${group}.x1.sales.LeadCaptured`, new TextEncoder().encode('not a cloud event'));
    await publishLead('x1', 5);
    await publishLead('x2', 3);
    const zones = new Map([['x2', 'Asia/Shanghai']]);
    const grant = parseGrant({ name: 'edge', groupId: group, stores: '*', contexts: '*' }, platformRegistry);
    const feed = new IntegratorFeed({
      js,
      jsm,
      grant,
      registry: platformRegistry,
      groupStream,
      timeZoneOf: (s) => zones.get(s),
      retryBaseMs: 10,
      retryMaxMs: 50,
    });
    await feed.start();
    try {
      await waitFor(
        async () => feed.stats.undecodable,
        (n) => n === 1,
        'the garbage to be passed by',
      );
      expect(feed.stats.forwarded).toBe(0);
      zones.set('x1', 'Asia/Urumqi');
      await waitFor(
        async () => feed.stats.forwarded,
        (n) => n === 2,
        'both stores once x1 is known',
      );
      const stream = integratorStreamName(grant.name);
      const x1 = await jsm.streams.getMessage(stream, { last_by_subj: `integrator.edge.events.${group}.x1.>` });
      const x2 = await jsm.streams.getMessage(stream, { last_by_subj: integratorEventsFilter(grant.name) });
      expect(x1!.seq).toBeLessThan(x2!.seq);
      expect(JSON.parse(new TextDecoder().decode(x1!.data))).toMatchObject({ storetimezone: 'Asia/Urumqi', businessdate: '2026-03-01', previousposition: 0 });
    } finally {
      await feed.stop();
    }
  });
});
