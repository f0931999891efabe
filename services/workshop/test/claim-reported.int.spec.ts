import { type NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { eventSubject, insurance, parseWith } from '@rooftop/contracts';
import { type RecordedEvent, uuidv7 } from '@rooftop/eventsourcing';
import { PostgresEventStore } from '@rooftop/eventstore-postgres';
import { encodeCloudEvent, toCloudEvent } from '@rooftop/messaging';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../src/commands/streams.js';
import { startWorkshopService, type WorkshopServiceHandle } from '../src/service.js';
import { connectNats, deleteStoreStream, eventually, serviceConfig, uniqueIds } from './harness.js';

// Insurance's ClaimReported, published to the store's stream as the relay would (insurance contract + messaging
// codec, no insurance code), becomes an insurance_claim repair order with the claim's id — once, whatever the redeliveries.

const ids = uniqueIds('claim');
let db: TestDatabase;
let service: WorkshopServiceHandle | undefined;
let nc: NatsConnection;
let js: JetStreamClient;
let events: PostgresEventStore;

const reported = (claimId: string): RecordedEvent => {
  const data = parseWith(
    insurance.ClaimReported.schema,
    {
      claimId,
      insurer: '人保',
      repairOrderId: claimId,
      vin: 'LS5A3DKE0NA300001',
      brand: '长安',
      model: 'CS75 PLUS',
      customerId: 'cust-9',
      serviceAdvisorId: 'sa-1',
      mileageKm: 18_000,
      accidentOn: '2026-03-01',
      description: 'Rear-end collision: bumper and tail lamp',
      reportedBy: 'ins-1',
      reportedAt: '2026-03-02T10:00:00+08:00',
    },
    'ClaimReported',
  );
  const eventId = uuidv7();
  return {
    eventId,
    type: 'ClaimReported',
    schemaVersion: insurance.ClaimReported.schemaVersion,
    data,
    streamId: `insurance-claim-${claimId}`,
    streamVersion: 1,
    globalPosition: 10,
    recordedAt: new Date(),
    metadata: {
      storeId: ids.storeId,
      groupId: ids.groupId,
      correlationId: eventId,
      actor: { kind: 'user', id: 'ins-1' },
      occurredAt: '2026-03-02T10:00:00+08:00',
    },
  };
};

const publish = async (event: RecordedEvent, msgId = event.eventId) => {
  const h = headers();
  h.set('Nats-Msg-Id', msgId);
  await js.publish(eventSubject(ids.groupId, ids.storeId, 'insurance', event.type), encodeCloudEvent(toCloudEvent(event)), { headers: h });
};

const reaction = () => service!.reactions.find((r) => r.durable === `t-${ids.storeId}-claim-reported`)!;
const start = () => startWorkshopService(serviceConfig(ids, db.url), { durablePrefix: `t-${ids.storeId}` });
const roEvents = async (id: string) => (await events.readStream(streams.repairOrder(id))).events;

beforeAll(async () => {
  db = await createTestDatabase('workshop_claims');
  service = await start();
  nc = await connectNats();
  js = jetstream(nc);
  events = new PostgresEventStore({ pool: db.pool });
});

afterAll(async () => {
  await service?.close();
  if (nc) await deleteStoreStream(nc, ids);
  await nc?.close();
  events?.close();
  await db?.drop();
});

describe('ClaimReported reaction', () => {
  it('opens an insurance_claim repair order, once under redelivery and across a restart', async () => {
    const claim = reported('cl-1');
    await publish(claim);
    await eventually('claim RO opened', async () => (await roEvents('cl-1')).length === 1);
    await publish(claim, `${claim.eventId}-again`);
    await service!.close();
    service = undefined;
    await publish(claim, `${claim.eventId}-third`);
    service = await start();
    await publish(reported('cl-2'));
    await eventually('second claim RO opened', async () => (await roEvents('cl-2')).length === 1);

    expect((await roEvents('cl-1')).map((e) => [e.type, e.data])).toEqual([
      [
        'RepairOrderOpened',
        expect.objectContaining({
          repairOrderId: 'cl-1',
          roType: 'insurance_claim',
          serviceAdvisorId: 'sa-1',
          vin: 'LS5A3DKE0NA300001',
          mileageKm: 18_000,
          complaint: 'Rear-end collision: bumper and tail lamp',
        }),
      ],
    ]);
    expect(reaction().stats.deadLettered).toBe(0);
  });
});
