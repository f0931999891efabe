import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import {
  GROUP_STREAM_NAME,
  integratorEventsFilter,
  integratorEventSubject,
  integratorInboxPrefix,
  integratorStreamName,
  platformRegistry,
} from '@rooftop/contracts';
import { type CheckpointStore, EventsClient, FileCheckpointStore, type IntegratorEvent, MemoryCheckpointStore, type StartFrom } from '@rooftop/events-client';
import { hrEvents, salesEvents } from '@rooftop/kpis/testing';
import { uniqueStreamSuffix, waitFor } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntegratorCredentials, IntegratorFeed, parseGrant } from '../src/index.js';
import { type IntegratorTopology, startIntegratorTopology } from './fixtures/topology.js';

// A hub and two store leaves with the real relay; one integrator granted the sales events of every store with
// customer names in clear and phones masked. The feed, the credentials and the client are the real ones.

const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];

describe('an integrator grant at HQ', () => {
  let t: IntegratorTopology;
  let creds: IntegratorCredentials;
  let feed: IntegratorFeed;
  let expected = 0;
  const groupId = `g${uniqueStreamSuffix()}`;
  const grant = parseGrant({ name: 'acme-crm', groupId, stores: '*', contexts: ['sales'], personalData: ['customerName'] }, platformRegistry);
  const stream = integratorStreamName(grant.name);
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-integrator-'));

  const startFeed = async () => {
    const f = new IntegratorFeed({ js: t.js, jsm: t.jsm, sourceJs: t.sourceJs, grant, registry: platformRegistry, timeZoneOf: t.timeZoneOf });
    await f.start();
    return f;
  };
  const groupLastSeq = async () => (await t.sourceJsm.streams.info(GROUP_STREAM_NAME)).state.last_seq;
  const caughtUp = (f: IntegratorFeed) =>
    waitFor(groupLastSeq, (last) => last > 0 && f.stats.groupSequence === last, 'the feed to reach the end of GROUP_EVENTS');
  const lastEventSequence = async () => (await t.jsm.streams.getMessage(stream, { last_by_subj: integratorEventsFilter(grant.name) }))!.seq;
  const readAll = async (from: StartFrom, checkpoints: CheckpointStore = new MemoryCheckpointStore()) => {
    const events: IntegratorEvent[] = [];
    const client = new EventsClient({ integrator: grant.name, servers: t.hub.url, seed: creds.seed, checkpoints });
    client.on('sales.LeadCaptured', (e) => void events.push(e)).on('sales.VehicleDelivered', (e) => void events.push(e));
    await client.start(from);
    const last = await lastEventSequence();
    await waitFor(
      async () => client.stats.sequence,
      (n) => n >= last,
      `the client to read up to ${last}`,
    );
    await client.stop();
    return { events, stats: client.stats };
  };

  beforeAll(async () => {
    t = await startIntegratorTopology({
      groupId,
      stores: [
        { storeId: 's1', timeZone: 'Asia/Shanghai' },
        { storeId: 's2', timeZone: 'Asia/Tokyo' },
      ],
    });
    creds = await t.issuer.issue(grant);
    const s1 = salesEvents({ storeId: 's1', groupId });
    const s2 = salesEvents({ storeId: 's2', groupId });
    const hr1 = hrEvents({ storeId: 's1', groupId });
    // 16:30 UTC is the next day in Shanghai and in Tokyo: business dates are the store's, not UTC's.
    await t.stores[0]!.append([
      ...DAYS.map((d, i) => s1.leadCaptured({ leadId: `l1-${i}`, channel: 'walk_in', brand: 'VW' }, `${d}T16:30:00Z`)),
      hr1.positionDefined({ departmentId: 'sales', positionId: 'consultant', plannedHeadcount: 3 }, `${DAYS[0]}T02:00:00Z`),
    ]);
    await t.stores[1]!.append(DAYS.slice(0, 3).map((d, i) => s2.leadCaptured({ leadId: `l2-${i}`, channel: 'phone_in', brand: 'BYD' }, `${d}T03:00:00Z`)));
    expected = DAYS.length + 3;
    await waitFor(groupLastSeq, (n) => n >= expected + 1, 'every store event to reach GROUP_EVENTS');
    feed = await startFeed();
    await caughtUp(feed);
  });

  afterAll(async () => {
    await feed?.stop();
    await t?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the granted events only, masked as granted, with the store zone and business date', async () => {
    expect(feed.stats).toMatchObject({ forwarded: expected, filtered: 1, undecodable: 0 });
    const { events, stats } = await readAll({ checkpoint: true });
    expect(events).toHaveLength(expected);
    expect(stats.gaps).toEqual([]);
    for (const e of events) {
      expect(e.type).toBe('sales.LeadCaptured');
      if (e.type !== 'sales.LeadCaptured') continue;
      const lead = e as IntegratorEvent<'sales.LeadCaptured'>;
      expect(lead.data.customerPhone).toBe('***');
      expect(lead.data.customerName).toBe('测试客户');
      expect(lead.maskedFields).toEqual(['customerPhone']);
    }
    const s1 = events.filter((e) => e.storeId === 's1');
    expect(s1.map((e) => e.storeTimeZone)).toEqual(DAYS.map(() => 'Asia/Shanghai'));
    expect(s1.map((e) => e.businessDate)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    expect(events.filter((e) => e.storeId === 's2').map((e) => e.businessDate)).toEqual(DAYS.slice(0, 3));
    // What docs/integrators.md and the AsyncAPI say of GROUP_EVENTS' copies, sourced across the leaf's domain.
    const sourced = await t.sourceJsm.streams.getMessage(GROUP_STREAM_NAME, { seq: 1 });
    // Either store's stream may be the first one sourced: each copy names its own stream and its sequence there.
    expect(sourced!.header.get('Nats-Stream-Source')).toMatch(new RegExp(`^STORE_EVENTS_${groupId.toUpperCase()}_S[12]:[A-Za-z0-9]+ 1$`));
  });

  it('publishes each event once across feed restarts, the store chain unbroken', async () => {
    await feed.stop();
    const s1 = salesEvents({ storeId: 's1', groupId });
    await t.stores[0]!.append([
      s1.delivered({ orderId: 'o1', leadId: 'l1-0', consultantId: 'c1', brand: 'VW', model: 'ID.4', priceFen: 20_000_000 }, `${DAYS[4]}T05:00:00Z`),
    ]);
    expected += 1;
    await waitFor(groupLastSeq, (n) => n >= expected + 1, 'the new event to reach GROUP_EVENTS');
    feed = await startFeed();
    await caughtUp(feed);
    const before = (await t.jsm.streams.info(stream)).state.last_seq;
    // A feed started on a caught-up stream publishes nothing again.
    await feed.stop();
    feed = await startFeed();
    await caughtUp(feed);
    expect((await t.jsm.streams.info(stream)).state.last_seq).toBe(before);
    const { events, stats } = await readAll({ checkpoint: true });
    expect(new Set(events.map((e) => e.id)).size).toBe(expected);
    expect(stats).toMatchObject({ handled: expected, duplicates: 0, gaps: [] });
  });

  it('resumes from a file checkpoint without repeating or skipping', async () => {
    const file = join(dir, 'checkpoint.json');
    const first: string[] = [];
    const c1 = new EventsClient({ integrator: grant.name, servers: t.hub.url, seed: creds.seed, checkpoints: new FileCheckpointStore(file) });
    c1.on('sales.LeadCaptured', (e) => void first.push(e.id)).on('sales.VehicleDelivered', (e) => void first.push(e.id));
    await c1.start();
    await waitFor(
      async () => first.length,
      (n) => n >= 3,
      'the first client to handle three events',
    );
    await c1.stop();
    const { events } = await readAll({ checkpoint: true }, new FileCheckpointStore(file));
    const rest = events.map((e) => e.id);
    expect(rest.filter((id) => first.includes(id))).toEqual([]);
    expect(first.length + rest.length).toBe(expected);
  });

  it('replays from a business date through the index', async () => {
    const { events, stats } = await readAll({ businessDate: '2026-03-04' });
    const dates = events.map((e) => e.businessDate);
    expect(dates.every((d) => d >= '2026-03-04')).toBe(true);
    // s1: 03-04, 03-05, 03-06 (leads) and the delivery on 03-05; s2 has nothing that late.
    expect(dates).toHaveLength(4);
    expect(stats.gaps).toEqual([]);
  });

  it('replays from a stream position', async () => {
    const last = await lastEventSequence();
    const { events } = await readAll({ sequence: last });
    expect(events.map((e) => e.sequence)).toEqual([last]);
  });

  it('hands a copy of an event already handled to no handler', async () => {
    const original = (await readAll({ checkpoint: true })).events.at(-1)!;
    const copy = await t.jsm.streams.getMessage(stream, { seq: original.sequence });
    await t.js.publish(copy!.subject, copy!.data, { msgID: `copy-of-${original.id}` });
    const { events, stats } = await readAll({ checkpoint: true });
    expect(events.filter((e) => e.id === original.id)).toHaveLength(1);
    expect(stats).toMatchObject({ duplicates: 1, gaps: [] });
  });

  it("reports a gap where one of a store's events is missing from the stream", async () => {
    const consumer = await t.js.consumers.get(stream, { filter_subjects: integratorEventSubject(grant.name, groupId, 's1', 'sales', 'LeadCaptured') });
    const second = await consumer.fetch({ max_messages: 2, expires: 2_000 });
    const seqs: number[] = [];
    for await (const m of second) seqs.push(m.seq);
    await t.jsm.streams.deleteMessage(stream, seqs[1]!);
    const { stats } = await readAll({ checkpoint: true }, new MemoryCheckpointStore());
    expect(stats.gaps).toHaveLength(1);
    expect(stats.gaps[0]).toMatchObject({ storeId: 's1' });
    expect(stats.gaps[0]!.previousPosition).toBeGreaterThan(stats.gaps[0]!.expectedPrevious);
  });

  it("lets the integrator's user read its own stream only", async () => {
    const nc = await connect({
      servers: t.hub.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(creds.seed)),
      inboxPrefix: integratorInboxPrefix(grant.name),
    });
    try {
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(stream)).state.messages).toBeGreaterThan(0);
      await expect(jsm.streams.info(GROUP_STREAM_NAME)).rejects.toThrow(/Permissions Violation/);
      await expect(jetstream(nc).publish(integratorEventSubject(grant.name, groupId, 's1', 'sales', 'LeadCaptured'), '{}')).rejects.toThrow(
        /Permissions Violation/,
      );
      expect(await subscribeRefused(nc, '_INBOX.>')).toBe(true);
      expect(await subscribeRefused(nc, `rooftop.${groupId}.>`)).toBe(true);
      // Not the stream's subjects either (only through its consumers), nor another integrator's inbox.
      expect(await subscribeRefused(nc, integratorEventsFilter(grant.name))).toBe(true);
      expect(await subscribeRefused(nc, `${integratorInboxPrefix('other')}.>`)).toBe(true);
    } finally {
      await nc.close();
    }
  });

  it('rotates: a re-issued key works and the old one is refused at once', async () => {
    const old = creds;
    creds = await t.issuer.issue(grant);
    await expect(
      connect({ servers: t.hub.url, authenticator: nkeyAuthenticator(new TextEncoder().encode(old.seed)), maxReconnectAttempts: 0 }),
    ).rejects.toThrow(/Authorization Violation/);
    const { stats } = await readAll({ sequence: await lastEventSequence() });
    expect(stats.handled).toBe(1);
  });

  it('revokes without restarting anything: the connection is closed and the key refused', async () => {
    const pid = await hubPid();
    const nc = await connect({
      servers: t.hub.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(creds.seed)),
      inboxPrefix: integratorInboxPrefix(grant.name),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
    });
    const statuses: string[] = [];
    void (async () => {
      for await (const s of nc.status()) statuses.push(s.type);
    })();
    expect(await t.issuer.revoke(grant.name)).toBe(true);
    await waitFor(
      async () => statuses,
      (s) => s.includes('disconnect'),
      'the revoked connection to be closed by the server',
    );
    await expect(
      connect({ servers: t.hub.url, authenticator: nkeyAuthenticator(new TextEncoder().encode(creds.seed)), maxReconnectAttempts: 0 }),
    ).rejects.toThrow(/Authorization Violation/);
    await nc.close();
    expect(await hubPid()).toBe(pid);
    expect(t.nc.isClosed()).toBe(false);
    expect(await t.issuer.list()).toEqual([]);
  });

  // The hub's server id changes with every start: the same id, still connected, means the same process.
  const hubPid = async () => {
    await t.nc.flush();
    return t.nc.info?.server_id;
  };
});

/** Resolves with the server's refusal; a subscription the server allowed never closes, and the test times out. */
const subscribeRefused = async (nc: NatsConnection, subject: string): Promise<boolean> => {
  const sub = nc.subscribe(subject);
  const outcome = await sub.closed.then(
    (value) => value,
    (error: unknown) => error,
  );
  return outcome instanceof Error && /Permissions Violation/.test(outcome.message);
};
