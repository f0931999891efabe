import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, uuidv7 } from '@rooftop/eventsourcing';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { createTestDatabase, eventStoreDbSkipReason, eventStoreDbUrl, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEventStoreDb } from '../connect.js';
import { type EventStoreDbEventStore } from '../eventstoredb-event-store.js';
import { main } from './cli.js';
import { logEventsOf } from './store-log.js';

const url = eventStoreDbUrl('migration');
const metadata = {
  storeId: 'sh-001',
  groupId: 'g1',
  correlationId: 'corr',
  actor: { kind: 'system', id: 'migration-test' },
  occurredAt: '2026-11-23T10:00:00+08:00',
} as const;
const event = (type: string, data: unknown): NewEvent => ({ eventId: uuidv7(), type, data, schemaVersion: 1, metadata });

// Needs an empty KurrentDB (the import refuses a store with Rooftop events): the run's second container, or
// EVENTSTORE_MIGRATION_URL.
describe.skipIf(url === undefined)(
  url === undefined ? `migration through EventStoreDB: skipped (${eventStoreDbSkipReason('migration')})` : 'migration through EventStoreDB',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'rooftop-migrate-esdb-'));
    const printed: string[] = [];
    const print = (line: string) => void printed.push(line);
    const databases: TestDatabase[] = [];
    let source: TestDatabase;
    let esdb: EventStoreDbEventStore;

    beforeAll(async () => {
      source = await createTestDatabase('migrate_esdb_src');
      databases.push(source);
      await migrateEventStore(source.pool);
      const store = new PostgresEventStore({ pool: source.pool });
      for (let n = 0; n < 20; n++) {
        const commandId = `cmd-esdb-${n}-${uuidv7()}`;
        const streamId = `workshop-ro-${n % 4}`;
        const base = Math.floor(n / 4);
        await store.appendToStream(streamId, [event('RepairOrderNoted', { n })], {
          expectedVersion: base,
          command: {
            commandId,
            context: 'workshop',
            type: 'NoteRepairOrder',
            dataHash: `h-${n}`,
            result: (recorded) => ({
              commandId,
              streamId,
              streamVersion: base + 1,
              events: recorded.map((e) => ({ eventId: e.eventId, type: e.type, globalPosition: e.globalPosition })),
            }),
          },
        });
      }
      store.close();
      esdb = connectEventStoreDb(url!);
    });
    afterAll(async () => {
      await esdb?.close();
      for (const db of databases) await db.drop();
    });

    it('copies PostgreSQL → EventStoreDB → PostgreSQL with positions, chain, command results, count and hash unchanged', async () => {
      const first = join(dir, 'from-postgres.ndjson');
      const second = join(dir, 'from-eventstoredb.ndjson');
      expect(await main(['export', '--from', 'postgres', '--out', first], { DATABASE_URL: source.url }, print)).toBe(0);
      const exported = JSON.parse(printed.at(-1)!).exported;
      expect(await main(['import', '--to', 'eventstoredb', '--in', first], { EVENTSTORE_URL: url }, print)).toBe(0);
      expect(JSON.parse(printed.at(-1)!).verification).toMatchObject({ ok: true, store: exported });
      expect(await main(['export', '--from', 'eventstoredb', '--out', second], { EVENTSTORE_URL: url }, print)).toBe(0);
      expect(JSON.parse(printed.at(-1)!).exported).toEqual(exported);

      const back = await createTestDatabase('migrate_esdb_back');
      databases.push(back);
      expect(await main(['import', '--to', 'postgres', '--in', second], { DATABASE_URL: back.url }, print)).toBe(0);
      expect(JSON.parse(printed.at(-1)!).verification).toMatchObject({ ok: true, store: exported });

      // The EventStoreDB copy goes on above the copied positions, and reads from inside the copied range.
      const copied = connectEventStoreDb(url!);
      try {
        const all = [];
        for await (const e of logEventsOf(copied)) all.push(e);
        const last = all.at(-1)!;
        const appended = await copied.appendToStream('workshop-ro-0', [event('RepairOrderClosed', {})], { expectedVersion: 5 });
        expect(appended.events[0]!.globalPosition).toBeGreaterThan(last.globalPosition);
        const middle = all[9]!;
        const batch = await copied.readAll({ after: middle.globalPosition, maxCount: 3 });
        expect(batch.events.map((e) => e.eventId)).toEqual(all.slice(10, 13).map((e) => e.eventId));
      } finally {
        await copied.close();
      }
    });
  },
);
