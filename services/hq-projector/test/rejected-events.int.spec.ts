import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { platformRegistry, sales } from '@rooftop/contracts';
import { type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';
import { salesEvents } from '@rooftop/kpis/testing';
import { DEAD_LETTER_HEADERS, DEAD_LETTER_STREAM, eventMessage, silentLogger } from '@rooftop/messaging';
import { type PgProjection } from '@rooftop/projections-postgres';
import { createTestDatabase, natsUrl, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateHqSchema, upsertStores } from '../src/index.js';
import { type GroupConsumer, runGroupConsumer } from '../src/projector/group-consumer.js';
import { StoreZones } from '../src/projector/store-zones.js';

// An event a projection rejects (ValidationError) is dead-lettered and counted past — also when it had
// arrived before its predecessor and was held, so that the message releasing it is not the one to blame.
// A real JetStream stream and HQ schema; the projection is a probe that refuses leads named `poison…`.

const SCHEMA = 'hq';

const probe: PgProjection = {
  name: 'probe',
  version: 1,
  eventTypes: [sales.LeadCaptured.type],
  setup: async ({ client }) => {
    await client.query(
      'CREATE TABLE IF NOT EXISTS probe_seen (store_id text NOT NULL, position bigint NOT NULL, lead_id text NOT NULL, PRIMARY KEY (store_id, position))',
    );
  },
  apply: async (events, { client }) => {
    for (const event of events) {
      const { leadId } = event.data as { leadId: string };
      if (leadId.startsWith('poison')) throw new ValidationError(`lead ${leadId} is refused`, [{ path: 'leadId', message: 'refused by the probe' }]);
      await client.query('INSERT INTO probe_seen (store_id, position, lead_id) VALUES ($1, $2, $3)', [event.metadata.storeId, event.globalPosition, leadId]);
    }
  },
};

describe('HQ: events a projection rejects', () => {
  const suffix = uniqueStreamSuffix();
  const groupId = `g${suffix}`;
  const stream = `HQ_REJECTED_${suffix}`;
  const durable = `hq-rejected-${suffix}`;
  let db: TestDatabase;
  let nc: NatsConnection;
  let consumer: GroupConsumer | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('hq_rejected');
    await migrateHqSchema(db.pool, SCHEMA, [probe]);
    await upsertStores(
      db.pool,
      SCHEMA,
      ['s1', 's2'].map((storeId) => ({ storeId, name: storeId, brands: ['Changan'], region: 'east', timeZone: 'Asia/Shanghai' })),
    );
    nc = await connect({ servers: natsUrl() });
    await jetstreamManager(nc).then((jsm) => jsm.streams.add({ name: stream, subjects: [`rooftop.${groupId}.>`], max_bytes: 8 * 1024 * 1024 }));
  });
  afterAll(async () => {
    await consumer?.stop();
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => false);
    await jsm.streams.purge(DEAD_LETTER_STREAM, { filter: `rooftop.dlq.${durable}` }).catch(() => undefined);
    await nc.close();
    await db.drop();
  });

  /** A LeadCaptured of `storeId` at `position` in its store's log, as the store's relay publishes it. */
  const lead = (storeId: string, leadId: string, position: number): RecordedEvent => {
    const { streamId, event } = salesEvents({ storeId, groupId }).leadCaptured(
      { leadId, channel: 'walk_in', brand: 'Changan', consultantId: 'c1' },
      '2025-03-03T10:00:00+08:00',
    );
    return { ...event, streamId, streamVersion: 1, globalPosition: position, recordedAt: new Date('2025-03-03T02:00:00Z') };
  };

  it('dead-letters a held event the batch releases, and an event of the batch itself; both stores flow on', async () => {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    // s1's log is 1..5 with a poison at 3, stored as 1, 3, 4, 2, 5: 3 and 4 wait for 2, and 2 releases them.
    // s2's log is 1..2 with a poison at 1, in order.
    const published: Array<[RecordedEvent, string, number]> = [
      [lead('s1', 'l1', 1), 's1', 0],
      [lead('s1', 'poison-3', 3), 's1', 2],
      [lead('s1', 'l4', 4), 's1', 3],
      [lead('s1', 'l2', 2), 's1', 1],
      [lead('s1', 'l5', 5), 's1', 4],
      [lead('s2', 'poison-1', 1), 's2', 0],
      [lead('s2', 'm2', 2), 's2', 1],
    ];
    for (const [event, storeId, previous] of published) {
      const m = eventMessage(groupId, storeId, event, platformRegistry, previous);
      await js.publish(m.subject, m.body, { headers: m.headers, msgID: event.eventId });
    }

    const zones = new StoreZones(SCHEMA);
    let failure: unknown;
    let deadLettered = 0;
    consumer = await runGroupConsumer({
      js,
      jsm,
      stream,
      batchSize: 16,
      registry: platformRegistry,
      apply: { pool: db.pool, schema: SCHEMA, durable, projections: [probe], zones },
      logger: silentLogger,
      onBatch: (_, count) => (deadLettered += count),
      onFailure: (error) => (failure = error),
    });

    const positions = async () =>
      (
        await db.pool.query<{ store_id: string; position: string; events: string; dead_lettered: string; held: string }>(
          `SELECT store_id, position, events, dead_lettered, held FROM ${SCHEMA}.store_positions ORDER BY store_id`,
        )
      ).rows.map((r) => ({
        storeId: r.store_id,
        position: Number(r.position),
        events: Number(r.events),
        deadLettered: Number(r.dead_lettered),
        held: Number(r.held),
      }));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && failure === undefined) {
      const now = await positions();
      if (now.length === 2 && now[0]!.position === 5 && now[1]!.position === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(failure).toBeUndefined();
    expect(await positions()).toEqual([
      { storeId: 's1', position: 5, events: 4, deadLettered: 1, held: 0 },
      { storeId: 's2', position: 2, events: 1, deadLettered: 1, held: 0 },
    ]);
    const seen = (await db.pool.query<{ store_id: string; lead_id: string }>(`SELECT store_id, lead_id FROM ${SCHEMA}.probe_seen ORDER BY store_id, position`))
      .rows;
    expect(seen.map((r) => `${r.store_id}:${r.lead_id}`)).toEqual(['s1:l1', 's1:l2', 's1:l4', 's1:l5', 's2:m2']);
    expect(deadLettered).toBe(2);

    // Both dead letters carry the original message (the held one read back from the stream) and the error.
    const letters = await js.consumers.get(DEAD_LETTER_STREAM, { filter_subjects: `rooftop.dlq.${durable}` });
    const batch = await letters.fetch({ max_messages: 2, expires: 5_000 });
    const found: Array<{ leadId: string; seq: string | undefined; code: string | undefined }> = [];
    for await (const msg of batch) {
      found.push({
        leadId: msg.json<{ data: { leadId: string } }>().data.leadId,
        seq: msg.headers?.get(DEAD_LETTER_HEADERS.streamSeq),
        code: msg.headers?.get(DEAD_LETTER_HEADERS.errorCode),
      });
      if (found.length === 2) break;
    }
    expect(found.sort((a, b) => a.leadId.localeCompare(b.leadId))).toEqual([
      { leadId: 'poison-1', seq: '6', code: 'VALIDATION_FAILED' },
      { leadId: 'poison-3', seq: '2', code: 'VALIDATION_FAILED' },
    ]);
  });
});
