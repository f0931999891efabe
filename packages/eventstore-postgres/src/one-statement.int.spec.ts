import { type CommandResult, ConcurrencyError, DuplicateCommandError, type RecordedEvent } from '@rooftop/eventsourcing';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendInTransaction, planAppend, standardCommandResult } from './append.js';
import { newEvent } from './fixtures/events.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );

/** The result `commandHandler` records: the stream's version before the append plus the events appended. */
const handlerResult =
  (commandId: string, streamId: string, before: number) =>
  (recorded: readonly RecordedEvent[]): CommandResult =>
    standardCommandResult(commandId, streamId, recorded, before + recorded.length);

/** The key a command is recorded under (ADR 0021). */
const keyOf = (commandId: string) => ({ commandId, context: 'one', type: 'DoThing', dataHash: `hash-${commandId}` });

/** A pool whose `query` calls are counted: each is one round trip (no call here is a multi-statement string). */
const countingPool = (pool: pg.Pool) => {
  const sent: string[] = [];
  const counted = new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver);
      return (config: string | pg.QueryConfig, values?: unknown[]) => {
        sent.push(typeof config === 'string' ? config : config.text);
        return values === undefined ? target.query(config as pg.QueryConfig) : target.query(config as string, values);
      };
    },
    // pool.connect() is not counted: a test asserting one query on the pool also asserts no transaction was opened.
  });
  return { pool: counted, sent };
};

describe('one-statement appends (ADR 0030)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('es_one_statement');
    await migrateEventStore(db.pool);
    store = new PostgresEventStore({ pool: db.pool });
  });
  afterAll(async () => {
    await store?.flushNotifications();
    store?.close();
    await db?.drop();
  });

  it('appends events and records the command result in one statement on the pool, without a transaction', async () => {
    const counting = countingPool(db.pool);
    const own = new PostgresEventStore({ pool: counting.pool });
    const appended = await own.appendToStream('one-1', [newEvent('A'), newEvent('B')], {
      expectedVersion: 'noStream',
      command: { ...keyOf('one-cmd-1'), result: handlerResult('one-cmd-1', 'one-1', 0) },
    });
    await own.flushNotifications();
    const appends = counting.sent.filter((text) => !text.includes('pg_notify'));
    expect(appends).toHaveLength(1);
    expect(appends[0]).toMatch(/INSERT INTO "eventstore".command_results/);
    expect(await store.findCommand('one-cmd-1')).toEqual({ ...keyOf('one-cmd-1'), result: handlerResult('one-cmd-1', 'one-1', 0)(appended.events) });
    own.close();
  });

  it('turns a repeated command id into DuplicateCommandError and writes none of its events', async () => {
    await store.appendToStream('one-2', [newEvent('A')], {
      expectedVersion: 0,
      command: { ...keyOf('one-cmd-2'), result: handlerResult('one-cmd-2', 'one-2', 0) },
    });
    const repeat = await failure(
      store.appendToStream('one-2', [newEvent('B')], {
        expectedVersion: 1,
        command: { ...keyOf('one-cmd-2'), result: handlerResult('one-cmd-2', 'one-2', 1) },
      }),
    );
    expect(repeat).toBeInstanceOf(DuplicateCommandError);
    expect((await store.readStream('one-2')).events.map((e) => e.type)).toEqual(['A']);
  });

  it('reports a version conflict before a repeated command id, and records nothing', async () => {
    await store.appendToStream('one-3', [newEvent('A')], {
      expectedVersion: 0,
      command: { ...keyOf('one-cmd-3'), result: handlerResult('one-cmd-3', 'one-3', 0) },
    });
    const stale = await failure(
      store.appendToStream('one-3', [newEvent('B')], {
        expectedVersion: 0,
        command: { ...keyOf('one-cmd-3b'), result: handlerResult('one-cmd-3b', 'one-3', 0) },
      }),
    );
    expect(stale).toBeInstanceOf(ConcurrencyError);
    expect(stale).toMatchObject({ actual: 1 });
    expect(await store.findCommand('one-cmd-3b')).toBeUndefined();
  });

  it('lets exactly one of two concurrent appends with the same command id write, on different streams', async () => {
    const attempts = ['one-4a', 'one-4b'].map((streamId) =>
      store.appendToStream(streamId, [newEvent('A')], {
        expectedVersion: 'noStream',
        command: { ...keyOf('one-cmd-4'), result: handlerResult('one-cmd-4', streamId, 0) },
      }),
    );
    const outcomes = await Promise.allSettled(attempts);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(DuplicateCommandError);
    const written = await Promise.all(['one-4a', 'one-4b'].map(async (id) => (await store.readStream(id)).events.length));
    expect(written.sort()).toEqual([0, 1]);
  });

  it('takes a transaction for a result of another shape and records exactly what the function returned', async () => {
    const custom = (recorded: readonly RecordedEvent[]) => ({ ...handlerResult('one-cmd-5', 'one-5', 0)(recorded), note: 'custom' }) as CommandResult;
    const options = { expectedVersion: 'noStream' as const, command: { ...keyOf('one-cmd-5'), result: custom } };
    expect(planAppend(store.names, 'one-5', [newEvent('A')], options).singleStatement).toBe(false);
    const appended = await store.appendToStream('one-5', [newEvent('A')], options);
    expect(await store.findCommand('one-cmd-5')).toEqual({ ...keyOf('one-cmd-5'), result: custom(appended.events) });
  });

  it('numbers positions from the transaction id inside a caller transaction, with the result in the same statement', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const appended = await appendInTransaction(client, store.names, 'one-6', [newEvent('A'), newEvent('B')], {
        expectedVersion: 'noStream',
        command: { ...keyOf('one-cmd-6'), result: handlerResult('one-cmd-6', 'one-6', 0) },
      });
      const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      await client.query('COMMIT');
      expect(appended.events.map((e) => BigInt(e.globalPosition))).toEqual([0n, 1n].map((i) => (BigInt(rows[0]!.xid) << 16n) | i));
      expect((await store.findCommand('one-cmd-6'))?.result.events.map((e) => e.globalPosition)).toEqual(appended.events.map((e) => e.globalPosition));
    } finally {
      client.release();
    }
  });
});
