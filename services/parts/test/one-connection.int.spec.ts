import { type EventData, parts as p, platformRegistry } from '@rooftop/contracts';
import { eventStoreInTransaction, migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type DecodedEvent, decodeCloudEvent, eventMessage } from '@rooftop/messaging';
import { reactionHandler } from '@rooftop/service-host';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inMemoryRepairOrderStatuses } from '../src/commands/repair-orders.js';
import { streams } from '../src/commands/streams.js';
import { partsHandlers } from '../src/commands/handlers.js';
import { transferReceived } from '../src/reactions/transfer-received.js';
import { cny, filter, settings, STORE, system } from './builders.js';

// A reaction runs its command inside the consumer's inbox transaction. On a database that gives one session
// (PGlite, or a pool of one) every read of that command must go through the transaction's own connection:
// one that asks the pool for a second connection waits forever.

const shipped: EventData<typeof p.PartsTransferShipped> = {
  transferId: 'tr-1',
  toStoreId: STORE,
  partNumber: filter.partNumber,
  name: filter.name,
  kind: filter.kind,
  brand: filter.brand,
  quantity: 2,
  cost: cny(6_000),
  price: filter.price,
  bin: 'A-01',
  onHand: 8,
  binOnHand: 8,
  stockValue: cny(24_000),
  shippedBy: 'clerk-2',
};

// As the consumer hands it over: a sister store's recorded event, relayed as a CloudEvent and decoded.
const delivered = (eventId: string): DecodedEvent =>
  decodeCloudEvent(
    eventMessage(
      'g1',
      'store-2',
      {
        eventId,
        type: p.PartsTransferShipped.type,
        schemaVersion: 1,
        streamId: 'parts-transfer-tr-1',
        streamVersion: 1,
        globalPosition: 1,
        recordedAt: new Date(),
        data: shipped,
        metadata: { storeId: 'store-2', groupId: 'g1', correlationId: 'corr-1', actor: system, occurredAt: '2026-03-02T10:00:00+08:00' },
      },
      platformRegistry,
    ).body,
    platformRegistry,
  );

describe('the transfer reaction on a one-connection pool', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let events: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('parts_one_connection');
    await migrateEventStore(db.pool);
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    events = new PostgresEventStore({ pool, pollIntervalMs: 100 });
  });
  afterAll(async () => {
    events.close();
    await pool.end();
    await db.drop();
  });

  it('receives the parts inside the inbox transaction without asking for a second connection', async () => {
    const repairOrders = inMemoryRepairOrderStatuses();
    const handle = reactionHandler(transferReceived, {
      context: 'parts',
      storeId: STORE,
      handlersIn: (tx) => partsHandlers({ store: eventStoreInTransaction(events, tx), groupId: 'g1', settings, repairOrders }),
    });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await Promise.race([
        handle(delivered('evt-1'), client),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the reaction waited for a second connection')), 5_000).unref()),
      ]);
      // A redelivery in the same transaction sees the first append (same command id): nothing new.
      await handle(delivered('evt-1'), client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    const part = await events.readStream(streams.part(filter.partNumber));
    expect(part.events.map((e) => e.type)).toEqual(['PartRegistered', 'PartsTransferReceived']);
    expect(part.events[1]!.data).toMatchObject({ transferId: 'tr-1', quantity: 2, bin: 'TRANSFER-IN' });
  });
});
