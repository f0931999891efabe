import { type NatsConnection } from '@nats-io/transport-node';
import { type Actor } from '@rooftop/eventsourcing';
import { PostgresEventStore } from '@rooftop/eventstore-postgres';
import { CommandClient, createCommandSigner } from '@rooftop/messaging';
import { createTestDatabase, sharedTestCommandIssuer, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../src/commands/streams.js';
import { startWorkshopService, type WorkshopServiceHandle } from '../src/service.js';
import { advisor, cny, dispatcher, openData, technician } from './builders.js';
import { driveToInvoice, registerTechnicians } from './flow.js';
import { connectNats, deleteStoreStream, eventually, natsSender, serviceConfig, strictSender, uniqueIds } from './harness.js';

// The workshop service in process on real PostgreSQL and NATS, driven only over NATS request/reply.

const ids = uniqueIds('cmds');
let db: TestDatabase;
let service: WorkshopServiceHandle;
let nc: NatsConnection;
let events: PostgresEventStore;
let send: ReturnType<typeof natsSender>;

const versionOf = async (streamId: string) => (await events.readStream(streamId)).streamVersion;

beforeAll(async () => {
  db = await createTestDatabase('workshop_cmds');
  service = await startWorkshopService(serviceConfig(ids, db.url));
  nc = await connectNats();
  send = natsSender(new CommandClient(nc, { signer: createCommandSigner(sharedTestCommandIssuer().signingKey), timeoutMs: 10_000 }), ids.storeId);
  events = new PostgresEventStore({ pool: db.pool });
  const now = new Date().toISOString();
  await registerTechnicians(strictSender(send), now);
});

afterAll(async () => {
  events?.close();
  await service?.close();
  if (nc) await deleteStoreStream(nc, ids);
  await nc?.close();
  await db?.drop();
});

describe('workshop commands over NATS', () => {
  it('takes a repair order from intake to release and starts its follow-up and vehicle file', async () => {
    await driveToInvoice(strictSender(send), 'ro-n1', new Date().toISOString());
    const reply = await send('ReleaseVehicle', { repairOrderId: 'ro-n1' }, advisor);
    expect(reply).toMatchObject({ ok: true, result: { streamId: streams.repairOrder('ro-n1'), streamVersion: 9, events: [{ type: 'VehicleReleased' }] } });
    const types = (await events.readStream(streams.repairOrder('ro-n1'))).events.map((e) => e.type);
    expect(types).toEqual([
      'RepairOrderOpened',
      'EstimateAgreed',
      'JobDispatched',
      'ProgressReported',
      'WorkCompleted',
      'QualityChecked',
      'VehicleWashed',
      'RepairOrderInvoiced',
      'VehicleReleased',
    ]);
    // The timers scheduled with the release fire at once through the same handlers.
    await eventually('follow-up opened', async () => (await versionOf(streams.followUp('ro-n1'))) === 1);
    await eventually('service visit filed', async () =>
      (await events.readStream(streams.vehicle(openData.vin))).events.some((e) => e.type === 'ServiceVisitRecorded'),
    );
  });

  it('returns typed errors and appends nothing on bad input', async () => {
    await send('OpenRepairOrder', { ...openData, repairOrderId: 'ro-bad', vin: 'LS5A3DKE0NA777777' }, advisor);
    const before = await versionOf(streams.repairOrder('ro-bad'));

    const early = await send('ReleaseVehicle', { repairOrderId: 'ro-bad' }, advisor);
    expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', details: { reason: 'RELEASE_BEFORE_INVOICE' } } });

    await send('AgreeEstimate', { repairOrderId: 'ro-bad', estimate: { labour: cny(1), parts: cny(1) } }, advisor);
    const agreed = await versionOf(streams.repairOrder('ro-bad'));
    const unknownTech = await send('DispatchJob', { repairOrderId: 'ro-bad', technicianIds: ['tech-404'] }, dispatcher);
    expect(unknownTech).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'UNKNOWN_TECHNICIAN', technicianIds: ['tech-404'] } } });
    const selfDispatch = await send('DispatchJob', { repairOrderId: 'ro-bad', technicianIds: ['tech-1'] }, technician);
    expect(selfDispatch).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'MISSING_ROLE' } } });

    await send('DispatchJob', { repairOrderId: 'ro-bad', technicianIds: ['tech-1'] }, dispatcher);
    const dispatched = await versionOf(streams.repairOrder('ro-bad'));
    const negative = await send('CompleteWork', { repairOrderId: 'ro-bad', technicians: [{ technicianId: 'tech-1', labourHours: -2 }] }, technician);
    expect(negative).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(negative)).toContain('data.technicians.0.labourHours');
    const missing = await send('InvoiceRepairOrder', { repairOrderId: 'ro-bad' }, { kind: 'user', id: 'cash-1', roles: ['cashier'] } as Actor);
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    expect(before).toBe(1);
    expect(agreed).toBe(2);
    expect(dispatched).toBe(3);
    expect(await versionOf(streams.repairOrder('ro-bad'))).toBe(3);
  });

  it('handles the same commandId once and returns the first result', async () => {
    const data = { ...openData, repairOrderId: 'ro-idem', vin: 'LS5A3DKE0NA888888' };
    const first = await send('OpenRepairOrder', data, advisor, 'idem-key-1');
    const second = await send('OpenRepairOrder', data, advisor, 'idem-key-1');
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    expect(await versionOf(streams.repairOrder('ro-idem'))).toBe(1);
    const conflict = await send('OpenRepairOrder', data, advisor, 'idem-key-2');
    expect(conflict).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', details: { reason: 'REPAIR_ORDER_EXISTS' } } });
  });
});
