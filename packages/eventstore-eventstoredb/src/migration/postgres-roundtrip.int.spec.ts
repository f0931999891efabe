import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuplicateCommandError, type NewEvent, uuidv7 } from '@rooftop/eventsourcing';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { logEventOf } from './hash.js';
import { writeLogFile } from './log-file.js';
import { importIntoPostgres } from './postgres.js';
import { readLogFile } from './log-file.js';
import { logEventsOf } from './store-log.js';

const metadata = {
  storeId: 'sh-001',
  groupId: 'g1',
  correlationId: 'corr',
  actor: { kind: 'user', id: 'u1', roles: ['sales'] },
  occurredAt: '2026-11-23T10:00:00+08:00',
} as const;
const event = (type: string, data: unknown): NewEvent => ({
  eventId: uuidv7(),
  type,
  data,
  schemaVersion: 1,
  metadata: { ...metadata, commandId: `cmd-${type}` },
});

describe('migration: PostgreSQL → file → PostgreSQL keeps positions, chains and command results', () => {
  const databases: TestDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-migrate-'));
  const file = join(dir, 'log.ndjson');
  const printed: string[] = [];
  const print = (line: string) => void printed.push(line);
  const database = async (label: string) => {
    const db = await createTestDatabase(label);
    databases.push(db);
    return db;
  };
  let source: TestDatabase;
  let sourceStore: PostgresEventStore;
  const commandIds: string[] = [];

  beforeAll(async () => {
    source = await database('migrate_src');
    await migrateEventStore(source.pool);
    sourceStore = new PostgresEventStore({ pool: source.pool });
    // Concurrent writers, so positions come from interleaved transactions, plus a command that appended nothing.
    await Promise.all(
      Array.from({ length: 6 }, async (_, writer) => {
        for (let n = 0; n < 5; n++) {
          const commandId = `cmd-${writer}-${n}-${uuidv7()}`;
          commandIds.push(commandId);
          await sourceStore.appendToStream(`sales-lead-${writer}`, [event('LeadNoted', { writer, n, text: 'ü 车' }), event('LeadScored', { score: n })], {
            expectedVersion: n * 2,
            command: {
              commandId,
              context: 'sales',
              type: 'NoteLead',
              dataHash: `h-${writer}-${n}`,
              result: (recorded) => ({
                commandId,
                streamId: `sales-lead-${writer}`,
                streamVersion: n * 2 + recorded.length,
                events: recorded.map((e) => ({ eventId: e.eventId, type: e.type, globalPosition: e.globalPosition })),
              }),
            },
          });
        }
      }),
    );
    await sourceStore.appendToStream('sales-lead-0', [], {
      expectedVersion: 'any',
      command: {
        commandId: 'cmd-noop',
        context: 'sales',
        type: 'Noop',
        dataHash: 'h-noop',
        result: () => ({ commandId: 'cmd-noop', streamId: 'sales-lead-0', streamVersion: 10, events: [] }),
      },
    });
  });
  afterAll(async () => {
    sourceStore?.close();
    for (const db of databases) await db.drop();
  });

  it('exports 60 events and 31 command results, imports them into a new store and verifies count and hashes', async () => {
    expect(await main(['export', '--from', 'postgres', '--out', file], { DATABASE_URL: source.url }, print)).toBe(0);
    const exported = JSON.parse(printed.at(-1)!).exported;
    expect(exported).toMatchObject({ events: 60, commands: 31 });

    const target = await database('migrate_dst');
    expect(await main(['import', '--to', 'postgres', '--in', file], { DATABASE_URL: target.url }, print)).toBe(0);
    const { verification } = JSON.parse(printed.at(-1)!);
    expect(verification).toMatchObject({ ok: true, file: exported, store: exported });

    const copied = new PostgresEventStore({ pool: target.pool });
    try {
      const [before, after] = [await collect(sourceStore), await collect(copied)];
      expect(after).toEqual(before);
      expect(after.every((e, i) => e.previousPosition === (i === 0 ? 0 : after[i - 1]!.globalPosition))).toBe(true);
      expect(await copied.findCommand(commandIds[7]!)).toEqual(await sourceStore.findCommand(commandIds[7]!));
      expect(await copied.findCommand('cmd-noop')).toMatchObject({
        context: 'sales',
        type: 'Noop',
        dataHash: 'h-noop',
        result: { streamVersion: 10, events: [] },
      });

      // The copy goes on where the original stopped: a retried command is a duplicate, a new event lands above.
      const retried = commandIds[7]!;
      await expect(
        copied.appendToStream('sales-lead-9', [event('Late', {})], {
          expectedVersion: 'any',
          command: {
            commandId: retried,
            context: 'sales',
            type: 'NoteLead',
            dataHash: 'h-retried',
            result: () => ({ commandId: retried, streamId: 'x', streamVersion: 1, events: [] }),
          },
        }),
      ).rejects.toBeInstanceOf(DuplicateCommandError);
      const appended = await copied.appendToStream('sales-lead-0', [event('LeadWon', {})], { expectedVersion: 10 });
      expect(appended.events[0]!.globalPosition).toBeGreaterThan(after.at(-1)!.globalPosition);
    } finally {
      copied.close();
    }
  });

  it('refuses a tampered file before writing anything, and a store that is not empty', async () => {
    const tampered = join(dir, 'tampered.ndjson');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('"score":3', '"score":4'));
    expect(await main(['summary', '--in', tampered], {}, print)).toBe(1);
    expect(printed.at(-1)).toMatch(/VALIDATION_FAILED.*says/);

    const target = await database('migrate_tampered');
    expect(await main(['import', '--to', 'postgres', '--in', tampered], { DATABASE_URL: target.url }, print)).toBe(1);
    // The file is checked whole before the import begins: the new store was not even created.
    const { rows } = await target.pool.query<{ t: string | null }>(`SELECT to_regclass('eventstore.events')::text AS t`);
    expect(rows[0]!.t).toBeNull();

    expect(await main(['import', '--to', 'postgres', '--in', file], { DATABASE_URL: source.url }, print)).toBe(1);
    expect(printed.at(-1)).toMatch(/not empty/);
    expect(await main(['import', '--to', 'mysql', '--in', file], {}, print)).toBe(2);

    // An export that fails leaves no file behind, not even a partial one.
    const failed = join(dir, 'failed.ndjson');
    expect(await main(['export', '--from', 'postgres', '--schema', 'no_such_schema', '--out', failed], { DATABASE_URL: source.url }, print)).toBe(1);
    expect(existsSync(failed) || existsSync(`${failed}.partial`)).toBe(false);
  });

  it('reports the first event that differs when a store does not match its file', async () => {
    const target = await database('migrate_diverged');
    expect(await main(['import', '--to', 'postgres', '--in', file], { DATABASE_URL: target.url }, print)).toBe(0);
    await target.pool.query(
      `UPDATE eventstore.events SET data = '{"changed":true}' WHERE global_position = (SELECT global_position FROM eventstore.events ORDER BY 1 OFFSET 4 LIMIT 1)`,
    );
    expect(await main(['verify', '--against', 'postgres', '--in', file], { DATABASE_URL: target.url }, print)).toBe(1);
    expect(JSON.parse(printed.at(-1)!).verification).toMatchObject({ ok: false, firstDifference: { index: 4 } });
  });

  it('advances the transaction ids of a cluster behind the imported positions, so new events number above them', async () => {
    const { rows } = await source.pool.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    // Far enough ahead that the other databases of this (shared) cluster do not get there first.
    const ahead = (Number(rows[0]!.xid) + 20_000) * 65_536;
    const events = [1, 2, 3].map((i) => ({
      ...logEventOf(
        { ...event('Future', { i }), streamId: 'hr-plan-1', streamVersion: i, globalPosition: ahead + i, recordedAt: new Date('2026-01-01T00:00:00Z') },
        i === 1 ? 0 : ahead + i - 1,
      ),
    }));
    const future = join(dir, 'future.ndjson');
    await writeLogFile(future, 'test', {
      events: async function* () {
        yield* events;
      },
      commands: async function* () {},
    });
    const target = await database('migrate_future');
    const imported = await importIntoPostgres(target.pool, readLogFile(future));
    expect(imported.events).toBe(3);
    expect(imported.burntTransactionIds).toBeGreaterThan(0);
    const store = new PostgresEventStore({ pool: target.pool });
    try {
      const next = await store.appendToStream('hr-plan-1', [event('Later', {})], { expectedVersion: 3 });
      expect(next.events[0]!.globalPosition).toBeGreaterThan(ahead + 3);
      // Readers see positions only below the cluster's oldest running transaction: wait for the others to pass.
      let types: string[] = [];
      for (const deadline = Date.now() + 30_000; types.length < 4 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        types = (await collect(store)).map((e) => e.type);
      }
      expect(types).toEqual(['Future', 'Future', 'Future', 'Later']);
    } finally {
      store.close();
    }
  });
});

const collect = async (store: PostgresEventStore) => {
  const events = [];
  for await (const e of logEventsOf(store)) events.push(e);
  return events;
};
