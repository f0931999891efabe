import { jetstream, type JetStreamClient, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { eventSubject, parseWith, sales, storeStreamName } from '@rooftop/contracts';
import { type RecordedEvent, uuidv7 } from '@rooftop/eventsourcing';
import { PostgresEventStore, ScheduledCommandDispatcher } from '@rooftop/eventstore-postgres';
import { encodeCloudEvent, toCloudEvent } from '@rooftop/messaging';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../src/commands/streams.js';
import { timerSender } from '@rooftop/service-host';
import { startWorkshopService, WORKSHOP_SCHEDULER_SCHEMA, type WorkshopServiceHandle } from '../src/service.js';
import { connectNats, deleteStoreStream, eventually, serviceConfig, uniqueIds } from './harness.js';

// Sales' VehicleDelivered, published to the store's JetStream stream exactly as the sales relay would (sales
// contract + messaging codec, no sales code), becomes a vehicle file with first-service reminder timers.

const ids = uniqueIds('deliv');
const prefix = `t-${ids.storeId}`;
const durable = `${prefix}-vehicle-delivered`;
const reaction = () => service!.reactions.find((r) => r.durable === durable)!;
let db: TestDatabase;
let service: WorkshopServiceHandle | undefined;
let nc: NatsConnection;
let js: JetStreamClient;
let events: PostgresEventStore;

const delivered = (vin: string, orderId: string): RecordedEvent => {
  const data = parseWith(
    sales.VehicleDelivered.schema,
    {
      orderId,
      leadId: `lead-${orderId}`,
      customerId: `cust-${orderId}`,
      customerName: '王芳',
      customerPhone: '13800138000',
      contactConsent: true,
      vin,
      brand: '长安',
      model: 'CS75 PLUS',
      deliveryDate: '2026-03-02',
      consultantId: 'emp-cons-1',
      online: false,
      financing: { type: 'cash' },
      policySold: true,
      insurer: '平安保险',
      price: { amount: 12_490_000, currency: 'CNY' },
    },
    'VehicleDelivered',
  );
  const eventId = uuidv7();
  return {
    eventId,
    type: 'VehicleDelivered',
    schemaVersion: sales.VehicleDelivered.schemaVersion,
    data,
    streamId: `sales-order-${orderId}`,
    streamVersion: 7,
    globalPosition: 100,
    recordedAt: new Date(),
    metadata: {
      storeId: ids.storeId,
      groupId: ids.groupId,
      correlationId: eventId,
      actor: { kind: 'user', id: 'emp-cons-1' },
      occurredAt: '2026-03-02T10:00:00+08:00',
    },
  };
};

/** Publishes like the relay; a different `msgId` makes JetStream keep a second copy (a redelivery). */
const publish = async (event: RecordedEvent, msgId = event.eventId) => {
  const h = headers();
  h.set('Nats-Msg-Id', msgId);
  await js.publish(eventSubject(ids.groupId, ids.storeId, 'sales', event.type), encodeCloudEvent(toCloudEvent(event)), { headers: h });
};

// The service's timer clock stands at the delivery day, so the reminders wait for the test's own dispatcher.
const start = async () => startWorkshopService(serviceConfig(ids, db.url), { durablePrefix: prefix, clock: () => new Date('2026-03-02T03:00:00Z') });
const vehicleEvents = async (vin: string) => (await events.readStream(streams.vehicle(vin))).events;
const timersOf = async (vin: string) =>
  (
    await db.pool.query<{ schedule_id: string }>(
      `SELECT schedule_id FROM ${WORKSHOP_SCHEDULER_SCHEMA}.scheduled_commands WHERE schedule_id LIKE $1 ORDER BY schedule_id`,
      [`%${vin}%`],
    )
  ).rows.map((r) => r.schedule_id);

beforeAll(async () => {
  db = await createTestDatabase('workshop_delivered');
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

describe('VehicleDelivered reaction', () => {
  const A = 'LS5A3DKE0NA100001';
  const B = 'LS5A3DKE0NA100002';
  const first = delivered(A, 'ord-a');

  it('registers the vehicle and owner and schedules its first-service reminders', async () => {
    await publish(first);
    const stored = await eventually('vehicle A registered', async () => ((await vehicleEvents(A)).length >= 2 ? vehicleEvents(A) : undefined));
    expect(stored.map((e) => [e.type, e.data])).toEqual([
      [
        'VehicleRegistered',
        expect.objectContaining({
          vin: A,
          customerId: 'cust-ord-a',
          ownerPhone: '13800138000',
          contactConsent: true,
          source: 'sales_delivery',
          sourceEventId: first.eventId,
        }),
      ],
      ['MaintenanceDueSet', { vin: A, customerId: 'cust-ord-a', dueOn: '2026-05-31', basis: 'first_service' }],
    ]);
    const store = ids.storeId;
    expect(await timersOf(A)).toEqual([
      `workshop:${store}:lapse:${A}:2026-03-02`,
      `workshop:${store}:reminder:${A}:2026-05-31:advance`,
      `workshop:${store}:reminder:${A}:2026-05-31:due_date`,
    ]);
  });

  it('does not duplicate on redelivery', async () => {
    const before = reaction().stats.duplicates;
    await publish(first, `${first.eventId}-again`);
    await eventually('redelivery seen', async () => reaction().stats.duplicates > before);
    expect((await vehicleEvents(A)).length).toBe(2);
  });

  it('loses and duplicates nothing across a restart of the service', async () => {
    await service!.close();
    service = undefined;
    await publish(delivered(B, 'ord-b'));
    await publish(first, `${first.eventId}-third`);
    service = await start();
    await eventually('vehicle B registered', async () => (await vehicleEvents(B)).length === 2);
    await eventually('both messages consumed', async () => {
      const info = await (await jetstreamManagerOf()).consumers.info(streamName(), durable);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect((await vehicleEvents(A)).length).toBe(2);
    expect((await vehicleEvents(B)).map((e) => e.type)).toEqual(['VehicleRegistered', 'MaintenanceDueSet']);
    expect(await timersOf(B)).toHaveLength(3);
  });

  it('acknowledges a delivery a rule refuses instead of dead-lettering it', async () => {
    const C = 'LS5A3DKE0NA100003';
    const owner = { customerId: 'cust-c', ownerName: '张伟', ownerPhone: '13900139000', contactConsent: true };
    const register = { vin: C, brand: '长安', model: 'CS75 PLUS', ...owner, source: 'front_desk' as const };
    await service!.handlers.RegisterVehicle({
      commandId: 'fd-c',
      type: 'RegisterVehicle',
      storeId: ids.storeId,
      actor: { kind: 'user', id: 'sa-1', roles: ['service_advisor'] },
      data: register,
      metadata: { now: '2026-03-01T10:00:00+08:00', correlationId: 'fd-c' },
    });
    const processed = reaction().stats.processed;
    await publish(delivered(C, 'ord-c'));
    await eventually('refused delivery acknowledged', async () => reaction().stats.processed > processed);
    expect((await vehicleEvents(C)).map((e) => e.type)).toEqual(['VehicleRegistered']);
    expect(reaction().stats.deadLettered).toBe(0);
  });

  it('fires the reminder 14 days ahead through the timer dispatcher, once', async () => {
    const dispatcher = new ScheduledCommandDispatcher({
      pool: db.pool,
      schema: WORKSHOP_SCHEDULER_SCHEMA,
      send: timerSender('workshop', service!.handlers, { warn: () => undefined }),
      clock: () => new Date('2026-05-17T02:00:00Z'),
      listen: false,
      logger: { warn: () => undefined, error: () => undefined },
    });
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    await dispatcher.stop();
    const reminders = (await vehicleEvents(A)).filter((e) => e.type === 'MaintenanceReminderDue');
    expect(reminders.map((e) => e.data)).toEqual([
      { vin: A, customerId: 'cust-ord-a', brand: '长安', dueOn: '2026-05-31', kind: 'advance', firstService: true },
    ]);
  });
});

const jetstreamManagerOf = () => jetstreamManager(nc);
const streamName = () => storeStreamName(ids.groupId, ids.storeId);
