import { type RecordedEvent } from '@rooftop/eventsourcing';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendInTransaction } from './append.js';
import { collectSubscription, deliveryProblems, newEvent, seededRandom, waitFor } from './fixtures/events.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

const inStreams = (prefix: string) => (e: RecordedEvent) => e.streamId.startsWith(prefix);

describe('PostgresEventStore gap safety', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('es_gaps');
    await migrateEventStore(db.pool);
    store = new PostgresEventStore({ pool: db.pool, pollIntervalMs: 200 });
  });
  afterAll(async () => {
    store?.close();
    await db?.drop();
  });

  it('holds back events committed after a still-open append, then delivers all of them once, in position order', async () => {
    const sub = collectSubscription((signal) => store.subscribe({ after: 0, signal }));
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      const held = await appendInTransaction(holder, store.names, 'held-open', [newEvent('Held')], { expectedVersion: 'noStream' });
      const heldPosition = held.events[0]!.globalPosition;

      const later: RecordedEvent[] = [];
      for (let i = 0; i < 20; i++)
        later.push(...(await store.appendToStream(`held-later-${i % 4}`, [newEvent('Later', { i })], { expectedVersion: 'any' })).events);
      // The later events committed with larger positions than the open transaction's event.
      for (const event of later) expect(event.globalPosition).toBeGreaterThan(heldPosition);

      // While the transaction stays open (the scenario, not a wait for a result), nothing past it is readable.
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        expect(sub.events.filter(inStreams('held-'))).toEqual([]);
        expect((await store.readAll({ after: 0, maxCount: 1_000 })).events.filter(inStreams('held-'))).toEqual([]);
        expect(await store.headPosition()).toBeLessThan(heldPosition);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await holder.query('COMMIT');

      await waitFor(
        () => sub.events.filter(inStreams('held-')).length,
        (n) => n >= 21,
        'the held and the later events',
      );
      const delivered = sub.events.filter(inStreams('held-'));
      expect(delivered.map((e) => e.eventId)).toEqual([held.events[0]!.eventId, ...later.map((e) => e.eventId)]);
      expect(deliveryProblems(sub.events)).toEqual([]);
    } finally {
      holder.release();
      await sub.stop();
    }
  });

  it('delivers events held back by a transaction that appends nothing by polling, with no further NOTIFY', async () => {
    const head = await store.headPosition();
    const sub = collectSubscription((signal) => store.subscribe({ after: head, signal }));
    const blocker = await db.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      const appended: RecordedEvent[] = [];
      for (let i = 0; i < 5; i++) appended.push(...(await store.appendToStream('poll-only', [newEvent('Polled', { i })], { expectedVersion: 'any' })).events);
      expect((await store.readAll({ after: head, maxCount: 100 })).events.filter(inStreams('poll-'))).toEqual([]);
      expect(sub.events.filter(inStreams('poll-'))).toEqual([]);
      // Committing a transaction without an append sends no NOTIFY: only the poll can pick the events up now.
      await blocker.query('COMMIT');
      await waitFor(
        () => sub.events.filter(inStreams('poll-')).length,
        (n) => n >= 5,
        'polled events',
      );
      expect(sub.events.filter(inStreams('poll-')).map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
      expect(deliveryProblems(sub.events)).toEqual([]);
    } finally {
      blocker.release();
      await sub.stop();
    }
  });

  it('a subscriber tailing 8 concurrent writers sees every event exactly once, in position order', async () => {
    const head = await store.headPosition();
    const sub = collectSubscription((signal) => store.subscribe({ after: head, batchSize: 100, signal }));
    const written: RecordedEvent[] = [];
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, writer) => {
          const random = seededRandom(100 + writer);
          for (let i = 0; i < 250; i++) {
            const count = 1 + Math.floor(random() * 4);
            const stream = `tail-${Math.floor(random() * 40)}`;
            const events = Array.from({ length: count }, (_, n) => newEvent('Tailed', { writer, i, n }));
            written.push(...(await store.appendToStream(stream, events, { expectedVersion: 'any' })).events);
          }
        }),
      );
      expect(written.length).toBeGreaterThan(2_000);
      await waitFor(
        () => sub.events.filter(inStreams('tail-')).length,
        (n) => n >= written.length,
        'the tailing subscriber to catch up',
      );
    } finally {
      await sub.stop();
    }
    expect(deliveryProblems(sub.events)).toEqual([]);
    const delivered = sub.events.filter(inStreams('tail-'));
    expect(delivered).toHaveLength(written.length);
    expect(new Set(delivered.map((e) => e.eventId))).toEqual(new Set(written.map((e) => e.eventId)));
  });
});
