import { type JetStreamClient, type JetStreamPublishOptions } from '@nats-io/jetstream';
import { storeStreamName } from '@rooftop/contracts';
import { type EventStore } from '@rooftop/eventsourcing';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { createTestDatabase, natsUrl, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats, duplicateIds, type Nats, readWholeStream, waitFor } from './fixtures/harness.js';
import { appendLoad } from './fixtures/load.js';
import { ensureStoreStream } from './provision.js';
import { reconcile } from './reconcile.js';
import { EventRelay } from './relay.js';

const storedIds = async (store: EventStore): Promise<string[]> => {
  const ids: string[] = [];
  for (let after = 0; ;) {
    const batch = await store.readAll({ after, maxCount: 5_000 });
    ids.push(...batch.events.map((e) => e.eventId));
    if (batch.checkpoint <= after) return ids;
    after = batch.checkpoint;
  }
};

/**
 * The real client, except that the publishes `fail` picks never leave: they fail as a publish whose connection
 * dropped before it was written would, while the publishes pipelined behind it reach the server.
 */
const dropping = (
  js: JetStreamClient,
  fail: (n: number, options: Partial<JetStreamPublishOptions> | undefined) => boolean,
  refused: (error: unknown) => void,
): JetStreamClient => {
  let n = 0;
  return new Proxy(js, {
    get(target, prop) {
      if (prop !== 'publish') {
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      const publish: JetStreamClient['publish'] = async (subject, data, options) => {
        if (fail(++n, options)) throw new Error(`injected: publish ${n} (${options?.msgID}) dropped before it was sent`);
        return target.publish(subject, data, options).catch((error: unknown) => {
          refused(error);
          throw error;
        });
      };
      return publish;
    },
  });
};

const ignore = () => undefined;

describe('EventRelay keeps a store log in order in its stream', () => {
  const suffix = uniqueStreamSuffix();
  const groupId = `g${suffix}`;
  let db: TestDatabase;
  let nats: Nats;
  const streams: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('relay_order');
    await migrateEventStore(db.pool, 'es');
    nats = await connectNats(natsUrl());
  });
  afterAll(async () => {
    for (const s of streams) await nats?.jsm.streams.delete(s).catch(() => false);
    await nats?.nc.close();
    await db?.drop();
  });

  const setUp = async (storeId: string, schema: string) => {
    await migrateEventStore(db.pool, schema);
    const store = new PostgresEventStore({ pool: db.pool, schema, pollIntervalMs: 50 });
    await ensureStoreStream(nats.jsm, { groupId, storeId });
    const stream = storeStreamName(groupId, storeId);
    streams.push(stream);
    return { store, stream };
  };

  it('re-sends a publish that failed inside the window before anything behind it is stored', async () => {
    const storeId = 'dropped';
    const { store, stream } = await setUp(storeId, 'es_dropped');
    await appendLoad(store, { groupId, storeId, total: 300, streams: 10, eventsPerAppend: 3, concurrency: 2 });
    const ids = await storedIds(store);
    expect(ids).toHaveLength(300);
    // Publishes 40 and 41 (in the first window of 256) and 270 (in the second batch) fail once each.
    const dropped = new Set([ids[39], ids[40], ids[269]]);
    const failedOnce = new Set<string>();
    const refusals: string[] = [];
    const js = dropping(
      nats.js,
      (_n, options) => {
        const id = options?.msgID ?? '';
        if (!dropped.has(id) || failedOnce.has(id)) return false;
        failedOnce.add(id);
        return true;
      },
      (error) => refusals.push(String(error)),
    );
    const warnings: string[] = [];
    const logger = { info: ignore, error: ignore, warn: (details: object) => void warnings.push(JSON.stringify(details)) };
    const relay = new EventRelay({
      store,
      pool: db.pool,
      js,
      jsm: nats.jsm,
      groupId,
      storeId,
      name: `order:${suffix}:a`,
      guardLogOrder: true,
      batchSize: 250,
      retryBaseMs: 10,
      retryMaxMs: 50,
      logger,
    });
    await relay.start();
    try {
      await waitFor('the relay to catch up', async () => (await relay.lag()).eventsBehind === 0);
    } finally {
      await relay.stop();
      store.close();
    }
    expect(failedOnce.size).toBe(3);
    // 40 and 41 fail in one window, so one attempt fails for both; 270 fails in the second batch.
    expect(warnings.filter((w) => w.includes('injected'))).toHaveLength(2);
    // JetStream refused the publishes pipelined behind each lost one rather than storing them ahead of it.
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((r) => r.includes('wrong last msg ID'))).toBe(true);
    const messages = await readWholeStream(nats, stream);
    expect(duplicateIds(messages)).toEqual([]);
    expect(messages.map((m) => m.msgId)).toEqual(ids);
  });

  it('chains onto the stream tail after a restart, and after a reconcile wrote the last message', async () => {
    const storeId = 'restart';
    const { store, stream } = await setUp(storeId, 'es_restart');
    const warnings: string[] = [];
    const logger = { info: ignore, error: ignore, warn: (details: object) => void warnings.push(JSON.stringify(details)) };
    const relayOn = () =>
      new EventRelay({
        store,
        pool: db.pool,
        ...nats,
        groupId,
        storeId,
        name: `order:${suffix}:b`,
        guardLogOrder: true,
        batchSize: 40,
        retryBaseMs: 10,
        retryMaxMs: 50,
        logger,
      });
    const relayed = (relay: EventRelay, messages: number) =>
      waitFor('the relay to catch up', async () => (await nats.jsm.streams.info(stream)).state.messages === messages && (await relay.lag()).eventsBehind === 0);
    // A lost message repaired by reconcile lands at the end, without Nats-Msg-Id (its dedup entry is still there).
    const loseAndRepair = async (index: number) => {
      const victim = (await readWholeStream(nats, stream))[index]!;
      await nats.jsm.streams.deleteMessage(stream, victim.seq);
      const head = await store.headPosition();
      expect(await reconcile({ store, ...nats, groupId, storeId, fromPosition: 0, toPosition: head })).toMatchObject({ missing: 1, republished: 1 });
      return victim.msgId;
    };

    const first = relayOn();
    await first.start();
    await appendLoad(store, { groupId, storeId, total: 60, streams: 5, eventsPerAppend: 2, concurrency: 1, prefix: 'A' });
    await relayed(first, 60);
    await first.stop();
    const repairedWhileStopped = await loseAndRepair(10);

    // Restarted: the first publish expects the stream's last sequence (the repaired message).
    const second = relayOn();
    await second.start();
    try {
      await appendLoad(store, { groupId, storeId, total: 60, streams: 5, eventsPerAppend: 2, concurrency: 1, prefix: 'B' });
      await relayed(second, 120);
      // Running: its next publish expects its own last event, which is no longer the stream's last message.
      const repairedWhileRunning = await loseAndRepair(70);
      await appendLoad(store, { groupId, storeId, total: 20, streams: 5, eventsPerAppend: 2, concurrency: 1, prefix: 'C' });
      await relayed(second, 140);
      expect(warnings.some((w) => w.includes('wrong last msg ID'))).toBe(true);

      const ids = await storedIds(store);
      const messages = await readWholeStream(nats, stream);
      expect(duplicateIds(messages)).toEqual([]);
      const without = (slice: string[], id: string) => slice.filter((x) => x !== id);
      expect(messages.map((m) => m.msgId)).toEqual([
        ...without(ids.slice(0, 60), repairedWhileStopped),
        repairedWhileStopped,
        ...without(ids.slice(60, 120), repairedWhileRunning),
        repairedWhileRunning,
        ...ids.slice(120),
      ]);
    } finally {
      await second.stop();
      store.close();
    }
  });
});
