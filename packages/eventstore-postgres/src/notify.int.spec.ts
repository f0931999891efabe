import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendInTransaction } from './append.js';
import { increment, newEvent, waitFor } from './fixtures/events.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

/**
 * The wake-up NOTIFY is sent after COMMIT, coalesced (ADR 0004). Observed here on a plain LISTEN connection,
 * not through a subscription: a subscription also polls, and whether a woken reader finds the events depends
 * on every other transaction on the server (gap safety), so it cannot show the NOTIFY itself.
 */
describe('PostgresEventStore wake-up NOTIFY', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let listener: pg.PoolClient;
  const received: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('es_notify');
    await migrateEventStore(db.pool);
    store = new PostgresEventStore({ pool: db.pool });
    listener = await db.pool.connect();
    listener.on('notification', (message) => received.push(`${message.channel}:${message.payload ?? ''}`));
    await listener.query(`LISTEN "${store.names.channel}"`);
  });
  afterAll(async () => {
    listener?.release(true);
    store?.close();
    await db?.drop();
  });

  const notifiedAfter = async (count: number) =>
    waitFor(
      () => received.length,
      (n) => n > count,
      'a NOTIFY on the store channel',
    );

  it('follows a committed append, on the store channel, with an empty payload', async () => {
    const before = received.length;
    await store.appendToStream('notify-one', [newEvent('A')], { expectedVersion: 'noStream' });
    await notifiedAfter(before);
    expect(received.slice(before)).toEqual(['eventstore_appended:']);
  });

  it('follows appends that record a command result (the transactional path) too', async () => {
    const before = received.length;
    const command = increment('notify-cmd-1', 'c1');
    await store.appendToStream('notify-cmd', [newEvent('A')], {
      expectedVersion: 'noStream',
      command: {
        commandId: command.commandId,
        context: 'notify',
        type: 'Notify',
        dataHash: 'h',
        result: () => ({ commandId: command.commandId, streamId: 'notify-cmd', streamVersion: 1, events: [] }),
      },
    });
    await notifiedAfter(before);
  });

  it('coalesces concurrent appends into at most one NOTIFY each, and at least one after the last commit', async () => {
    const before = received.length;
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.appendToStream(`notify-many-${i}`, [newEvent('A')], { expectedVersion: 'noStream' })));
    await store.flushNotifications();
    await notifiedAfter(before);
    expect(received.length - before).toBeGreaterThanOrEqual(1);
    expect(received.length - before).toBeLessThanOrEqual(40);
  });

  it('notifies for an append in a caller-owned transaction when the caller asks, after its COMMIT', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await appendInTransaction(client, store.names, 'notify-own-tx', [newEvent('A')], { expectedVersion: 'noStream' });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await store.flushNotifications();
    const before = received.length;
    store.notifyAppended();
    await notifiedAfter(before);
  });
});
