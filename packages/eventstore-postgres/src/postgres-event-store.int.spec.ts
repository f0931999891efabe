import { ConcurrencyError, type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendInTransaction } from './append.js';
import { AppendPerTransactionError, AppendTooLargeError, DuplicateEventIdError } from './errors.js';
import { collectSubscription, newEvent, waitFor } from './fixtures/events.js';
import { migrateEventStore, migrations } from './migrations.js';
import { eventStoreNames } from './names.js';
import { PostgresEventStore } from './postgres-event-store.js';

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );

describe('PostgresEventStore (adapter specifics)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const count = async (sql: string): Promise<number> => Number((await db.pool.query<{ n: string }>(sql)).rows[0]!.n);

  beforeAll(async () => {
    db = await createTestDatabase('es_adapter');
    store = new PostgresEventStore({ pool: db.pool });
  });
  afterAll(async () => {
    store?.close();
    await db?.drop();
  });

  it('migrates once: concurrent migrators are serialised and a second run applies nothing', async () => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrateEventStore(db.pool)));
    expect(runs.flat()).toEqual(migrations.map((m) => m.version));
    expect(await migrateEventStore(db.pool)).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM eventstore.schema_migrations')).toBe(migrations.length);
    await migrateEventStore(db.pool, 'second_store');
    expect(await count(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'second_store'`)).toBe(4);
  });

  it('upgrades a schema version 1 store: a command recorded before keys keeps its result, its context read from the stream id', async () => {
    const schema = 'v1_store';
    const names = eventStoreNames(schema);
    await db.pool.query(
      `CREATE SCHEMA ${schema}; CREATE TABLE ${names.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    await db.pool.query(migrations[0]!.sql(names));
    await db.pool.query(`INSERT INTO ${names.migrations} (version, name) VALUES (1, 'v1')`);
    const result = { commandId: 'old-1', streamId: 'sales-lead-l1', streamVersion: 1, events: [] };
    await db.pool.query(`INSERT INTO ${names.commandResults} (command_id, stream_id, result) VALUES ('old-1', 'sales-lead-l1', $1)`, [JSON.stringify(result)]);

    expect(await migrateEventStore(db.pool, schema)).toEqual(migrations.slice(1).map((m) => m.version));
    const upgraded = new PostgresEventStore({ pool: db.pool, schema });
    try {
      expect(await upgraded.findCommand('old-1')).toEqual({ commandId: 'old-1', context: 'sales', type: null, dataHash: null, result });
      const key = { context: 'sales', type: 'CaptureLead', dataHash: 'h1' };
      await upgraded.appendToStream('sales-lead-l2', [newEvent('A')], {
        expectedVersion: 'noStream',
        command: { commandId: 'new-1', ...key, result: () => result },
      });
      expect(await upgraded.findCommand('new-1')).toEqual({ commandId: 'new-1', ...key, result });
    } finally {
      upgraded.close();
    }
  });

  it('refuses a command key that is not a short printable token, and appends nothing', async () => {
    const error = await failure(
      store.appendToStream('key-1', [newEvent('A')], {
        expectedVersion: 'noStream',
        command: {
          commandId: 'k-1',
          context: '',
          type: 'T',
          dataHash: 'h',
          result: () => ({ commandId: 'k-1', streamId: 'key-1', streamVersion: 1, events: [] }),
        },
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((await store.readStream('key-1')).streamVersion).toBe(0);
  });

  it('derives positions from the transaction id: transaction id << 16 | index, all below 2^53', async () => {
    const { events } = await store.appendToStream('pos-1', [newEvent('A'), newEvent('B'), newEvent('C')], { expectedVersion: 'noStream' });
    const { rows } = await db.pool.query<{ global_position: string; transaction_id: string }>(
      `SELECT global_position, transaction_id::text FROM eventstore.events WHERE stream_id = 'pos-1' ORDER BY stream_version`,
    );
    const xid = BigInt(rows[0]!.transaction_id);
    expect(rows.map((r) => BigInt(r.global_position))).toEqual([0n, 1n, 2n].map((i) => (xid << 16n) | i));
    expect(events.map((e) => e.globalPosition)).toEqual(rows.map((r) => Number(r.global_position)));
    // Readable once every older transaction on the server has ended (other test runs may hold some open).
    await waitFor(
      () => store.countBehind(events[0]!.globalPosition - 1),
      (n) => n === 3,
      'the events to become safe',
      60_000,
    );
  });

  it('rejects bad input with typed errors and writes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM eventstore.events');
    const bad: Array<[() => Promise<unknown>, new (...args: never[]) => Error]> = [
      [
        () =>
          store.appendToStream(
            'bad-1',
            Array.from({ length: 65_536 }, () => newEvent('Huge')),
            { expectedVersion: 'any' },
          ),
        AppendTooLargeError,
      ],
      [() => store.appendToStream('bad-1', [{ ...newEvent('A'), eventId: 'not-a-uuid' }], { expectedVersion: 'any' }), ValidationError],
      [() => store.appendToStream('bad-1', [newEvent('A', { text: 'nul \u0000 inside' })], { expectedVersion: 'any' }), ValidationError],
      [() => store.appendToStream('bad-1', [newEvent('A', { big: 1n })], { expectedVersion: 'any' }), ValidationError],
      [() => store.appendToStream('bad-1', [newEvent('A')], { expectedVersion: -1 }), ValidationError],
      [() => store.appendToStream('', [newEvent('A')], { expectedVersion: 'any' }), ValidationError],
      [() => store.appendToStream('bad-1', [{ ...newEvent('A'), schemaVersion: 0 }], { expectedVersion: 'any' }), ValidationError],
      [() => store.readAll({ after: -5, maxCount: 10 }), ValidationError],
      [() => store.readAll({ after: 0, maxCount: 0 }), ValidationError],
      [() => store.readStream('bad-1', { fromVersion: 1.5 }), ValidationError],
    ];
    for (const [call, type] of bad) {
      const error = await failure(call());
      expect(error).toBeInstanceOf(type);
      expect(error).toHaveProperty('code');
    }
    expect(() => new PostgresEventStore({ pool: db.pool, schema: 'x; DROP TABLE y' })).toThrow(ValidationError);
    expect(await count('SELECT count(*) AS n FROM eventstore.events')).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM eventstore.streams WHERE stream_id = 'bad-1'`)).toBe(0);
  });

  it('rejects a reused event id and a second append in one transaction with typed errors, atomically', async () => {
    const first = newEvent('A');
    await store.appendToStream('dup-1', [first], { expectedVersion: 'noStream' });
    const error = await failure(store.appendToStream('dup-2', [newEvent('B'), first], { expectedVersion: 'noStream' }));
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect((await store.readStream('dup-2')).streamVersion).toBe(0);

    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await appendInTransaction(client, store.names, 'twice-1', [newEvent('A')], { expectedVersion: 'any' });
      const twice = await failure(appendInTransaction(client, store.names, 'twice-2', [newEvent('B')], { expectedVersion: 'any' }));
      expect(twice).toBeInstanceOf(AppendPerTransactionError);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await store.readStream('twice-1')).streamVersion).toBe(0);
  });

  it('reports the actual version when a racing writer wins between read and append', async () => {
    await store.appendToStream('race-1', [newEvent('A')], { expectedVersion: 'noStream' });
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await appendInTransaction(client, store.names, 'race-1', [newEvent('B')], { expectedVersion: 1 });
      const racing = store.appendToStream('race-1', [newEvent('C')], { expectedVersion: 1 });
      await client.query('COMMIT');
      const error = await failure(racing);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ actual: 2 });
    } finally {
      client.release();
    }
  });

  it('keeps subscriptions alive when the LISTEN connection is killed, and listens again on a new connection', async () => {
    const live = new PostgresEventStore({ pool: db.pool, pollIntervalMs: 1_000, reconnectDelayMs: 50 });
    const head = await live.headPosition();
    const inListenStream = (e: RecordedEvent) => e.streamId === 'listen-1';
    const sub = collectSubscription((signal) => live.subscribe({ after: head, signal }));
    const listenerPids = async () =>
      (await db.pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`)).rows.map(
        (r) => r.pid,
      );
    try {
      const [pid] = await waitFor(listenerPids, (pids) => pids.length === 1 && live.listening, 'the listener');
      await live.appendToStream('listen-1', [newEvent('BeforeKill')], { expectedVersion: 'any' });
      await waitFor(
        () => sub.events.filter(inListenStream).length,
        (n) => n >= 1,
        'delivery before the kill',
      );

      await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await waitFor(listenerPids, (pids) => pids.length === 1 && pids[0] !== pid && live.listening, 'a new listener');
      await live.appendToStream('listen-1', [newEvent('AfterKill')], { expectedVersion: 'any' });
      await waitFor(
        () => sub.events.filter(inListenStream).length,
        (n) => n >= 2,
        'delivery after the kill',
      );
      expect(sub.events.filter(inListenStream).map((e) => e.type)).toEqual(['BeforeKill', 'AfterKill']);
    } finally {
      await sub.stop();
      live.close();
    }
    expect(await waitFor(listenerPids, (pids) => pids.length === 0, 'the listener to close after the last subscriber')).toEqual([]);
  });
});
