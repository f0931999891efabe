import { type ChildProcess } from 'node:child_process';
import { headers } from '@nats-io/nats-core';
import { platformRegistry, storeEventsFilter, storeStreamName } from '@rooftop/contracts';
import { appendInTransaction, migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { createTestDatabase, natsUrl, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DurableConsumerHandle, runDurableConsumer } from './consumer.js';
import { DEAD_LETTER_HEADERS } from './dead-letter.js';
import { eventMessage } from './event-message.js';
import { connectNats, killed, leadCaptured, type Nats, recordedLead, spawnFixture, waitFor } from './fixtures/harness.js';
import { DEAD_LETTER_STREAM, ensureStoreStream } from './provision.js';

describe('runDurableConsumer', () => {
  const suffix = uniqueStreamSuffix();
  const groupId = `g${suffix}`;
  let db: TestDatabase;
  let nats: Nats;
  const streams: string[] = [];
  const handles: DurableConsumerHandle[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('consumer');
    nats = await connectNats(natsUrl());
    await db.pool.query(
      'CREATE SCHEMA reactions; CREATE TABLE reactions.effects (event_id text NOT NULL, lead_id text NOT NULL);' +
        'CREATE TABLE reactions.applied (seq bigserial PRIMARY KEY, stream_id text NOT NULL, version int NOT NULL)',
    );
  });
  afterAll(async () => {
    for (const child of children) await killed(child);
    for (const h of handles) await h.stop();
    for (const s of streams) await nats.jsm.streams.delete(s).catch(() => false);
    await nats.jsm.streams.purge(DEAD_LETTER_STREAM, { filter: `rooftop.dlq.${suffix}.>` }).catch(() => undefined);
    await nats.nc.close();
    await db.drop();
  });

  const setUpStore = async (storeId: string) => {
    // A small max_bytes: JetStream reserves it against a file store that other test runs share.
    await ensureStoreStream(nats.jsm, { groupId, storeId, maxBytes: 64 * 1024 * 1024 });
    streams.push(storeStreamName(groupId, storeId));
  };

  const publishLeads = async (storeId: string, leadIds: readonly string[], firstPosition = 1) => {
    const events = leadIds.map((id, i) => recordedLead(groupId, storeId, id, firstPosition + i));
    for (const event of events) {
      const m = eventMessage(groupId, storeId, event);
      await nats.js.publish(m.subject, m.body, { headers: m.headers, msgID: event.eventId });
    }
    return events;
  };

  const effects = async (where = 'true') =>
    (await db.pool.query<{ event_id: string; lead_id: string }>(`SELECT event_id, lead_id FROM reactions.effects WHERE ${where}`)).rows;

  it('retries a failing event, dead-letters it with its error, and lets the rest flow on', async () => {
    const storeId = 'poison';
    await setUpStore(storeId);
    const leads = Array.from({ length: 20 }, (_, i) => `p-${i}`);
    await publishLeads(storeId, leads);
    let poisonCalls = 0;
    const deadLetterSubject = `rooftop.dlq.${suffix}.poison`;
    const handle = await runDurableConsumer({
      ...nats,
      pool: db.pool,
      stream: storeStreamName(groupId, storeId),
      durable: `poison-${suffix}`,
      filterSubjects: storeEventsFilter(groupId, storeId),
      inboxSchema: 'reactions',
      registry: platformRegistry,
      maxDeliver: 3,
      backoffMs: [50, 100],
      deadLetterSubject,
      handler: async (event, tx) => {
        const { leadId } = event.data as { leadId: string };
        await tx.query('INSERT INTO reactions.effects (event_id, lead_id) VALUES ($1, $2)', [event.eventId, leadId]);
        if (leadId === 'p-7') {
          poisonCalls++;
          throw new Error('lead p-7 cannot be registered');
        }
      },
    });
    handles.push(handle);

    await waitFor('the poison event dead-lettered and the rest processed', () => handle.stats.deadLettered === 1 && handle.stats.processed === 19);
    expect(poisonCalls).toBe(3);
    const rows = await effects(`lead_id LIKE 'p-%'`);
    expect(rows.map((r) => r.lead_id).sort()).toEqual(leads.filter((l) => l !== 'p-7').sort());

    const dead = await nats.jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: deadLetterSubject });
    expect(dead).not.toBeNull();
    expect(dead!.header.get(DEAD_LETTER_HEADERS.error)).toBe('Error: lead p-7 cannot be registered');
    expect(dead!.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('3');
    expect(dead!.header.get(DEAD_LETTER_HEADERS.consumer)).toBe(`poison-${suffix}`);
    expect(dead!.json<{ data: { leadId: string } }>().data.leadId).toBe('p-7');
  });

  it('applies the rest of a batch when one message in the middle fails, retries it, and keeps each stream in order', async () => {
    const storeId = 'ordered';
    await setUpStore(storeId);
    // Three streams interleaved; the second event of stream A fails twice before it succeeds.
    const plan = ['A', 'B', 'A', 'C', 'A', 'B', 'A', 'C', 'B', 'A'];
    const versions = new Map<string, number>();
    for (const [i, stream] of plan.entries()) {
      const version = (versions.get(stream) ?? 0) + 1;
      versions.set(stream, version);
      const event = { ...recordedLead(groupId, storeId, `o-${i}`, i + 1), streamId: `sales-lead-${stream}`, streamVersion: version };
      const m = eventMessage(groupId, storeId, event);
      await nats.js.publish(m.subject, m.body, { headers: m.headers, msgID: event.eventId });
    }
    let attempts = 0;
    const handle = await runDurableConsumer({
      ...nats,
      pool: db.pool,
      stream: storeStreamName(groupId, storeId),
      durable: `ordered-${suffix}`,
      filterSubjects: storeEventsFilter(groupId, storeId),
      inboxSchema: 'reactions',
      registry: platformRegistry,
      backoffMs: [50, 100],
      deadLetterSubject: `rooftop.dlq.${suffix}.ordered`,
      handler: async (event, tx) => {
        await tx.query('INSERT INTO reactions.applied (stream_id, version) VALUES ($1, $2)', [event.streamId, event.streamVersion]);
        if (event.streamId === 'sales-lead-A' && event.streamVersion === 2 && ++attempts <= 2) throw new Error('A2 not yet');
      },
    });
    handles.push(handle);

    await waitFor('every event applied', () => handle.stats.processed === plan.length);
    expect(handle.stats).toMatchObject({ failures: 2, deadLettered: 0, duplicates: 0 });
    const applied = (
      await db.pool.query<{ stream_id: string; version: number }>(
        `SELECT stream_id, version FROM reactions.applied WHERE stream_id LIKE 'sales-lead-_' ORDER BY seq`,
      )
    ).rows;
    // The failed attempts rolled back with their savepoint; each stream's events were applied once, in order.
    expect(applied).toHaveLength(plan.length);
    for (const stream of ['A', 'B', 'C']) {
      const ofStream = applied.filter((r) => r.stream_id === `sales-lead-${stream}`).map((r) => r.version);
      expect(ofStream).toEqual(Array.from({ length: versions.get(stream)! }, (_, i) => i + 1));
    }
    // B and C did not wait for A's retries.
    expect(applied.findIndex((r) => r.stream_id === 'sales-lead-A' && r.version === 2)).toBeGreaterThan(
      applied.findLastIndex((r) => r.stream_id !== 'sales-lead-A'),
    );
  });

  it('applies appending handlers one message per transaction when told to: none fails for sharing a transaction', async () => {
    // Twelve events already in the stream when the consumer starts: they are pulled together. Each handler
    // appends to the event store, which takes one append per transaction; in one shared transaction every
    // handler after the first would fail with ONE_APPEND_PER_TRANSACTION and be retried (or dead-lettered).
    const storeId = 'appending';
    await setUpStore(storeId);
    const leads = await publishLeads(
      storeId,
      Array.from({ length: 12 }, (_, i) => `append-${i}`),
    );
    await migrateEventStore(db.pool);
    const store = new PostgresEventStore({ pool: db.pool });
    try {
      const handle = await runDurableConsumer({
        ...nats,
        pool: db.pool,
        stream: storeStreamName(groupId, storeId),
        durable: `appending-${suffix}`,
        filterSubjects: storeEventsFilter(groupId, storeId),
        inboxSchema: 'reactions',
        registry: platformRegistry,
        messagesPerTransaction: 1,
        deadLetterSubject: `rooftop.dlq.${suffix}.appending`,
        handler: async (event, tx) => {
          await appendInTransaction(tx, store.names, `${event.streamId}-echo`, [leadCaptured(groupId, storeId, `${event.eventId}-echo`)], {
            expectedVersion: 'noStream',
          });
        },
      });
      handles.push(handle);
      await waitFor('every event applied', () => handle.stats.processed === leads.length);
      expect(handle.stats).toMatchObject({ failures: 0, deadLettered: 0 });
      const { rows } = await db.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${store.names.events} WHERE stream_id LIKE '%-echo'`);
      expect(Number(rows[0]!.n)).toBe(leads.length);
    } finally {
      store.close();
    }
  });

  it('dead-letters garbage bytes at once, and applies a redelivered event id only once', async () => {
    const storeId = 'garbage';
    await setUpStore(storeId);
    const [first] = await publishLeads(storeId, ['g-1']);
    const h = headers();
    await nats.js.publish(`rooftop.${groupId}.${storeId}.sales.LeadCaptured`, new Uint8Array([0xde, 0xad, 0xbe, 0xef]), { headers: h });
    // The same event id a second time (as a relay without dedup would): its effect must not repeat.
    const again = eventMessage(groupId, storeId, first!);
    await nats.js.publish(again.subject, again.body);
    await publishLeads(storeId, ['g-2'], 2);

    const handle = await runDurableConsumer({
      ...nats,
      pool: db.pool,
      stream: storeStreamName(groupId, storeId),
      durable: `garbage-${suffix}`,
      filterSubjects: storeEventsFilter(groupId, storeId),
      inboxSchema: 'reactions',
      registry: platformRegistry,
      deadLetterSubject: `rooftop.dlq.${suffix}.garbage`,
      handler: async (event, tx) => {
        await tx.query('INSERT INTO reactions.effects (event_id, lead_id) VALUES ($1, $2)', [event.eventId, (event.data as { leadId: string }).leadId]);
      },
    });
    handles.push(handle);

    await waitFor('all four messages handled', () => handle.stats.processed === 2 && handle.stats.duplicates === 1 && handle.stats.deadLettered === 1);
    expect((await effects(`lead_id LIKE 'g-%'`)).map((r) => r.lead_id).sort()).toEqual(['g-1', 'g-2']);
    const dead = await nats.jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: `rooftop.dlq.${suffix}.garbage` });
    expect(dead!.header.get(DEAD_LETTER_HEADERS.errorCode)).toBe('VALIDATION_FAILED');
    expect([...dead!.data]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('refuses options that would break its guarantees with a ValidationError, before touching anything', async () => {
    const base = {
      ...nats,
      pool: db.pool,
      stream: storeStreamName(groupId, 'poison'),
      durable: `invalid-${suffix}`,
      filterSubjects: storeEventsFilter(groupId, 'poison'),
      inboxSchema: 'reactions',
      registry: platformRegistry,
      handler: async () => undefined,
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ackWaitMs: 30_000 }, 'ackWaitMs'],
      [{ maxDeliver: 0 }, 'maxDeliver'],
      [{ backoffMs: [] }, 'backoffMs'],
      [{ deadLetterSubject: 'somewhere.else' }, 'deadLetterSubject'],
      [{ durable: 'has.dots' }, 'durable'],
      [{ messagesPerTransaction: 0 }, 'messagesPerTransaction'],
      [{ messagesPerTransaction: 33 }, 'messagesPerTransaction'],
    ];
    for (const [override, path] of cases) {
      const error = await runDurableConsumer({ ...base, ...override }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path }] });
    }
    await expect(nats.jsm.consumers.info(base.stream, base.durable)).rejects.toThrow();
  });

  it('applies no effect twice when the consumer process is killed mid-batch', async () => {
    const storeId = 'killed';
    await setUpStore(storeId);
    const leads = Array.from({ length: 150 }, (_, i) => `k-${i}`);
    await publishLeads(storeId, leads);
    const env = {
      NATS_URL: natsUrl(),
      DATABASE_URL: db.url,
      STREAM: storeStreamName(groupId, storeId),
      DURABLE: `killed-${suffix}`,
      FILTER: storeEventsFilter(groupId, storeId),
      INBOX_SCHEMA: 'reactions',
      DELAY_MS: '15',
    };
    const countKilled = async () => Number((await db.pool.query(`SELECT count(*) FROM reactions.effects WHERE lead_id LIKE 'k-%'`)).rows[0].count);

    // Kill it three times at growing progress, each time somewhere inside a pulled batch.
    for (const target of [20, 60, 100]) {
      const child = spawnFixture('./consumer-child.ts', env);
      children.push(child);
      await waitFor(`${target} effects`, async () => (await countKilled()) >= target, 120_000);
      await killed(child);
    }
    const last = spawnFixture('./consumer-child.ts', { ...env, DELAY_MS: '0' });
    children.push(last);
    await waitFor('every event handled', async () => (await countKilled()) >= leads.length, 120_000);
    await killed(last);

    const rows = await effects(`lead_id LIKE 'k-%'`);
    expect(rows).toHaveLength(leads.length);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(leads.length);
    expect(new Set(rows.map((r) => r.lead_id))).toEqual(new Set(leads));
  });
});
