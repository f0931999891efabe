import { type ChildProcess } from 'node:child_process';
import { platformRegistry, storeStreamName } from '@rooftop/contracts';
import { type EventStore } from '@rooftop/eventsourcing';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { createTestDatabase, natsUrl, type NatsServer, startNatsServer, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_HEADERS } from './event-message.js';
import { connectNats, duplicateIds, killed, type Nats, readWholeStream, spawnFixture, waitFor } from './fixtures/harness.js';
import { appendLoad } from './fixtures/load.js';
import { type MessagingLogger } from './logger.js';
import { ensureStoreStream } from './provision.js';
import { loadRelayCheckpoint } from './relay-checkpoint.js';
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

describe('EventRelay under crashes', () => {
  const suffix = uniqueStreamSuffix();
  const groupId = `g${suffix}`;
  let db: TestDatabase;
  let store: PostgresEventStore;
  let shared: Nats;
  const children: ChildProcess[] = [];
  const streams: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('relay_crash');
    await migrateEventStore(db.pool, 'es');
    store = new PostgresEventStore({ pool: db.pool, schema: 'es', pollIntervalMs: 50 });
    shared = await connectNats(natsUrl());
  });
  afterAll(async () => {
    for (const child of children) await killed(child);
    store?.close();
    for (const s of streams) await shared?.jsm.streams.delete(s).catch(() => false);
    await shared?.nc.close();
    await db?.drop();
  });

  it('relays every event exactly once although the relay process is SIGKILLed 20 times while appends continue', async () => {
    const storeId = 'killed';
    const stream = storeStreamName(groupId, storeId);
    streams.push(stream);
    // A 1 s duplicate window is shorter than a relay restart: dedup alone cannot hide re-publishes here.
    await ensureStoreStream(shared.jsm, { groupId, storeId, duplicateWindowMs: 1_000 });
    const env = {
      NATS_URL: natsUrl(),
      DATABASE_URL: db.url,
      EVENTSTORE_SCHEMA: 'es',
      GROUP_ID: groupId,
      STORE_ID: storeId,
      DUPLICATE_WINDOW_MS: '1000',
      BATCH_SIZE: '50',
      CHECKPOINT_HOLD_MS: '60',
    };
    const name = `relay:${groupId}:${storeId}`;
    const appending = new AbortController();
    const load = appendLoad(store, { groupId, storeId, streams: 40, eventsPerAppend: 3, concurrency: 4, pauseMs: 40, signal: appending.signal });

    let killedBeforeCheckpoint = 0;
    let previous = 0;
    for (let kill = 0; kill < 20; kill++) {
      const child = spawnFixture('./relay-child.ts', env);
      children.push(child);
      previous = await waitFor(
        'the relay to checkpoint progress',
        async () => {
          const now = await loadRelayCheckpoint(db.pool, name).catch(() => 0);
          return now > previous ? now : undefined;
        },
        120_000,
      );
      const at = Date.now() + Math.floor(Math.random() * 250);
      await waitFor('a random kill point', () => Date.now() >= at);
      await killed(child);
      const checkpoint = await loadRelayCheckpoint(db.pool, name);
      const { state } = await shared.jsm.streams.info(stream);
      const last = await shared.jsm.streams.getMessage(stream, { seq: state.last_seq });
      if (Number(last?.header.get(EVENT_HEADERS.position)) > checkpoint) killedBeforeCheckpoint++;
    }
    appending.abort();
    await load;

    const relay = new EventRelay({ store, pool: db.pool, ...shared, groupId, storeId, registry: platformRegistry });
    await relay.start();
    let ids: string[] = [];
    try {
      // Drained when nothing readable is behind the checkpoint and the stream holds every stored event.
      await waitFor(
        'the restarted relay to drain',
        async () => {
          ids = await storedIds(store);
          const { state } = await shared.jsm.streams.info(stream);
          return (await relay.lag()).eventsBehind === 0 && state.messages >= ids.length;
        },
        180_000,
      );
    } finally {
      await relay.stop();
    }
    const messages = await readWholeStream(shared, stream);
    expect(duplicateIds(messages)).toEqual([]);
    expect(messages).toHaveLength(ids.length);
    expect(new Set(messages.map((m) => m.msgId))).toEqual(new Set(ids));
    // And in log order: every publish expects its predecessor as the stream's last message.
    expect(messages.map((m) => m.msgId)).toEqual(ids);
    // The kills that matter most: after JetStream acknowledged a batch, before its checkpoint was written.
    expect(killedBeforeCheckpoint).toBeGreaterThan(0);
  }, 600_000);

  it('keeps retrying while its NATS server is down and catches up by itself when it returns, losing nothing', async () => {
    const server: NatsServer = await startNatsServer();
    const own = await connectNats(server.url);
    const storeId = 'outage';
    const db2 = await createTestDatabase('relay_outage');
    const failures: string[] = [];
    const logger: MessagingLogger = { info: () => undefined, warn: (_d, m) => failures.push(m), error: (_d, m) => failures.push(m) };
    try {
      await migrateEventStore(db2.pool, 'es');
      const store2 = new PostgresEventStore({ pool: db2.pool, schema: 'es', pollIntervalMs: 50 });
      await ensureStoreStream(own.jsm, { groupId, storeId });
      const stream = storeStreamName(groupId, storeId);
      const relay = new EventRelay({ store: store2, pool: db2.pool, ...own, groupId, storeId, logger, retryMaxMs: 500, publishTimeoutMs: 2_000 });
      await relay.start();
      try {
        await appendLoad(store2, { groupId, storeId, total: 300, streams: 30, eventsPerAppend: 3, concurrency: 3 });
        const count = async (nats: Nats) => (await nats.jsm.streams.info(stream)).state.messages;
        await waitFor('the first 300 relayed and checkpointed', async () => (await count(own)) === 300 && (await relay.lag()).eventsBehind === 0);
        const before = relay.checkpoint;

        await server.stop();
        await appendLoad(store2, { groupId, storeId, total: 300, streams: 30, eventsPerAppend: 3, concurrency: 3, prefix: 'M' });
        await waitFor('publish failures while NATS is down', () => failures.length >= 2);
        // Positions are readable once no older transaction anywhere on the server is open, hence a wait.
        await waitFor('the lag to show the unpublished events', async () => (await relay.lag()).eventsBehind > 0);
        expect(relay.checkpoint).toBe(before);

        await server.restart();
        await waitFor('the relay to resume by itself', async () => (await count(own)) === 600, 120_000);
        await waitFor('the checkpoint to follow', async () => (await relay.lag()).eventsBehind === 0, 120_000);
        const messages = await readWholeStream(own, stream);
        const ids = await waitFor('all 600 events readable', async () => {
          const all = await storedIds(store2);
          return all.length === 600 ? all : undefined;
        });
        expect(duplicateIds(messages)).toEqual([]);
        // In log order although publishes were in flight when the server went away.
        expect(messages.map((m) => m.msgId)).toEqual(ids);
        expect(await relay.lag()).toMatchObject({ eventsBehind: 0 });
      } finally {
        await relay.stop();
        store2.close();
      }
    } finally {
      await own.nc.close();
      await server.dispose();
      await db2.drop();
    }
  }, 300_000);
});
