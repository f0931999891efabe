import { platformRegistry, storeStreamName } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { createTestDatabase, natsUrl, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCloudEvent } from '../cloudevents/decode.js';
import { connectNats, duplicateIds, type Nats, readWholeStream, runScript, waitFor } from './fixtures/harness.js';
import { appendLoad } from './fixtures/load.js';
import { ensureStoreStream } from './provision.js';
import { reconcile } from './reconcile.js';
import { EventRelay } from './relay.js';

const allEvents = async (store: PostgresEventStore): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const batch = await store.readAll({ after, maxCount: 2_000 });
    out.push(...batch.events);
    if (batch.checkpoint <= after) return out;
    after = batch.checkpoint;
  }
};

describe('EventRelay on the shared NATS server', () => {
  const suffix = uniqueStreamSuffix();
  const groupId = `g${suffix}`;
  const storeId = 'bulk';
  const stream = storeStreamName(groupId, storeId);
  let db: TestDatabase;
  let nats: Nats;
  let store: PostgresEventStore;
  let relay: EventRelay;
  const metrics = new Registry();
  const extraStreams: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    await migrateEventStore(db.pool, 'es');
    store = new PostgresEventStore({ pool: db.pool, schema: 'es', pollIntervalMs: 50 });
    nats = await connectNats(natsUrl());
    await ensureStoreStream(nats.jsm, { groupId, storeId });
    relay = new EventRelay({ store, pool: db.pool, ...nats, groupId, storeId, registry: platformRegistry, metrics, batchSize: 200 });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    store?.close();
    await nats?.jsm.streams.delete(stream).catch(() => false);
    for (const s of extraStreams) await nats?.jsm.streams.delete(s).catch(() => false);
    await nats?.nc.close();
    await db?.drop();
  });

  it('publishes 5,000 events over 250 streams exactly once, in per-stream order, as valid CloudEvents', async () => {
    const appended = await appendLoad(store, { groupId, storeId, total: 5_000, streams: 250, eventsPerAppend: 4, concurrency: 10 });
    expect(appended).toBe(5_000);
    await waitFor(
      'relay caught up',
      async () => (await nats.jsm.streams.info(stream)).state.messages >= 5_000 && (await relay.lag()).eventsBehind === 0,
      120_000,
    );

    const messages = await readWholeStream(nats, stream);
    const stored = await allEvents(store);
    expect(messages).toHaveLength(5_000);
    expect(duplicateIds(messages)).toEqual([]);
    expect(new Set(messages.map((m) => m.msgId))).toEqual(new Set(stored.map((e) => e.eventId)));
    expect(messages.map((m) => m.msgId)).toEqual(stored.map((e) => e.eventId));

    const lastVersion = new Map<string, number>();
    const byId = new Map(stored.map((e) => [e.eventId, e]));
    let traced = 0;
    for (const [i, m] of messages.entries()) {
      const decoded = decodeCloudEvent(m.data, platformRegistry);
      // Each names the event before it in the log (positions have gaps; the relay's batches do not matter).
      expect(decoded.previousPosition).toBe(i > 0 ? stored[i - 1]!.globalPosition : 0);
      expect(decoded.eventId).toBe(m.msgId);
      expect(m.subject).toBe(`rooftop.${groupId}.${storeId}.sales.LeadCaptured`);
      expect(decoded.streamVersion).toBeGreaterThan(lastVersion.get(decoded.streamId) ?? 0);
      lastVersion.set(decoded.streamId, decoded.streamVersion);
      const original = byId.get(decoded.eventId)!;
      expect(decoded.position).toBe(original.globalPosition);
      // Trace context travels from event metadata to the NATS header and the CloudEvent extension.
      expect(m.traceparent).toBe(original.metadata.traceparent);
      expect(decoded.traceparent).toBe(original.metadata.traceparent);
      if (original.metadata.traceparent !== undefined) traced++;
    }
    expect(traced).toBeGreaterThan(1_000);
    expect(lastVersion.size).toBe(250);

    expect(await relay.lag()).toEqual({ positionsBehind: 0, eventsBehind: 0, secondsBehind: 0 });
    const exposition = await metrics.metrics();
    expect(exposition).toContain(`rooftop_relay_events_behind{relay="relay:${groupId}:${storeId}"} 0`);
    expect(exposition).toMatch(new RegExp(`rooftop_relay_published_total\\{relay="relay:${groupId}:${storeId}"\\} 5000`));
  });

  it('reconciliation re-publishes messages deleted from the stream, without duplicates', async () => {
    const before = await readWholeStream(nats, stream);
    const victims = [before[0]!, before[17]!, before[2_500]!, before[4_999]!, ...before.slice(3_000, 3_010)];
    for (const v of victims) expect(await nats.jsm.streams.deleteMessage(stream, v.seq)).toBe(true);
    expect((await nats.jsm.streams.info(stream)).state.messages).toBe(5_000 - victims.length);

    const stored = await allEvents(store);
    const head = await store.headPosition();
    const result = await reconcile({ store, ...nats, groupId, storeId, fromPosition: 0, toPosition: head, registry: platformRegistry });
    // Only the last event was lost from the tail: re-published after everything else, it is still in log order.
    expect(result).toEqual({ checked: 5_000, missing: victims.length, republished: victims.length, outOfOrder: victims.length - 1 });

    const after = await readWholeStream(nats, stream);
    expect(after).toHaveLength(5_000);
    expect(duplicateIds(after)).toEqual([]);
    expect(new Set(after.map((m) => m.msgId))).toEqual(new Set(before.map((m) => m.msgId)));
    // Re-published events name their predecessor in the log too, so HQ can still apply them in log order.
    const logIndex = new Map(stored.map((e, i) => [e.eventId, i]));
    for (const m of after.slice(-victims.length)) {
      const decoded = decodeCloudEvent(m.data, platformRegistry);
      expect(decoded.eventId).toBe(m.msgId);
      const i = logIndex.get(decoded.eventId)!;
      expect(decoded.previousPosition).toBe(i > 0 ? stored[i - 1]!.globalPosition : 0);
    }

    expect(await reconcile({ store, ...nats, groupId, storeId, fromPosition: 0, toPosition: head })).toEqual({
      checked: 5_000,
      missing: 0,
      republished: 0,
      outOfOrder: 0,
    });
  });

  it('the reconcile CLI repairs the stream from the command line', async () => {
    const before = await readWholeStream(nats, stream);
    for (const v of [before[100]!, before[200]!]) await nats.jsm.streams.deleteMessage(stream, v.seq);
    const env = { DATABASE_URL: db.url, EVENTSTORE_SCHEMA: 'es', NATS_URL: natsUrl() };
    const run = await runScript('../../../scripts/reconcile.ts', ['--group', groupId, '--store', storeId], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Up to the relay's checkpoint by default (here the head: the relay has caught up).
    expect(JSON.parse(run.stdout)).toMatchObject({
      groupId,
      storeId,
      fromPosition: 0,
      toPosition: relay.checkpoint,
      checked: 5_000,
      missing: 2,
      republished: 2,
      outOfOrder: 2,
    });
    const after = await readWholeStream(nats, stream);
    expect(after).toHaveLength(5_000);
    expect(duplicateIds(after)).toEqual([]);

    const bad = await runScript('../../../scripts/reconcile.ts', ['--group', groupId, '--store', storeId, '--from', '9', '--to', '3'], env);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('rejects a reversed or negative reconcile range with a ValidationError', async () => {
    await expect(reconcile({ store, ...nats, groupId, storeId, fromPosition: 10, toPosition: 5 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(reconcile({ store, ...nats, groupId, storeId, fromPosition: -1, toPosition: 5 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('does not advance past events a full stream rejects, shows the lag, and resumes when there is room', async () => {
    const fullStore = 'full';
    const fullStream = storeStreamName(groupId, fullStore);
    extraStreams.push(fullStream);
    const db2 = await createTestDatabase('relay_full');
    try {
      await migrateEventStore(db2.pool, 'es');
      const store2 = new PostgresEventStore({ pool: db2.pool, schema: 'es', pollIntervalMs: 50 });
      await ensureStoreStream(nats.jsm, { groupId, storeId: fullStore, maxMsgs: 10 });
      let rejected = 0;
      const logger = { info: () => undefined, error: () => undefined, warn: () => void rejected++ };
      const relay2 = new EventRelay({ store: store2, pool: db2.pool, ...nats, groupId, storeId: fullStore, batchSize: 4, retryMaxMs: 300, logger });
      await relay2.start();
      try {
        await appendLoad(store2, { groupId, storeId: fullStore, total: 15, streams: 3, eventsPerAppend: 1, concurrency: 1 });
        const events = await waitFor('all 15 events readable', async () => {
          const all = await allEvents(store2);
          return all.length === 15 ? all : undefined;
        });
        await waitFor('the stream to fill up', async () => (await nats.jsm.streams.info(fullStream)).state.messages === 10);
        // Once a publish was rejected the relay retries that batch forever: its checkpoint is settled.
        await waitFor('a rejected publish', () => rejected > 0);
        const lag = await relay2.lag();
        // Event 11 was rejected: the checkpoint stays before it, whatever batch it was read in.
        expect(relay2.checkpoint).toBeLessThan(events[10]!.globalPosition);
        expect(relay2.checkpoint).toBeGreaterThanOrEqual(events[0]!.globalPosition);
        expect(lag.eventsBehind).toBe(events.filter((e) => e.globalPosition > relay2.checkpoint).length);
        expect(lag.eventsBehind).toBeGreaterThanOrEqual(5);
        expect(lag.secondsBehind).toBeGreaterThanOrEqual(0);

        expect(await ensureStoreStream(nats.jsm, { groupId, storeId: fullStore, maxMsgs: 100 })).toBe('updated');
        await waitFor('the relay to resume by itself', async () => (await nats.jsm.streams.info(fullStream)).state.messages === 15);
        await waitFor('the checkpoint to reach the head', async () => relay2.checkpoint >= events.at(-1)!.globalPosition);
        const messages = await readWholeStream(nats, fullStream);
        expect(messages.map((m) => m.msgId)).toEqual(events.map((e) => e.eventId));
      } finally {
        await relay2.stop();
        store2.close();
      }
    } finally {
      await db2.drop();
    }
  });
});
