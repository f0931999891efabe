import { type NatsConnection } from '@nats-io/transport-node';
import { PostgresEventStore } from '@rooftop/eventstore-postgres';
import { queryKpis, workshopKpiProjections } from '@rooftop/kpis';
import { appendEvents, workshopEvents } from '@rooftop/kpis/testing';
import { CommandClient, createCommandSigner } from '@rooftop/messaging';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, sharedTestCommandIssuer, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgRepairOrderStatuses } from '../src/commands/repair-orders.js';
import { streams } from '../src/commands/streams.js';
import { type PartsServiceHandle, startPartsService } from '../src/service.js';
import { clerk, cny, filter, manager } from './builders.js';
import { connectNats, deleteStoreStreams, eventually, natsSender, serviceConfig, uniqueGroup } from './harness.js';

// Two sister stores' parts services in process on real PostgreSQL (a database each) and NATS, driven over NATS.

const ids = uniqueGroup('parts');
const group = `${ids.storeA},${ids.storeB}`;
let dbA: TestDatabase;
let dbB: TestDatabase;
let serviceA: PartsServiceHandle;
let serviceB: PartsServiceHandle;
let nc: NatsConnection;
let eventsA: PostgresEventStore;
let eventsB: PostgresEventStore;
let sendA: ReturnType<typeof natsSender>;

const start = (storeId: string, db: TestDatabase) =>
  startPartsService(serviceConfig(ids.groupId, storeId, db.url, { PARTS_GROUP_STORES: group }), { durablePrefix: `t-${ids.groupId}` });
const versionOf = async (events: PostgresEventStore, streamId: string) => (await events.readStream(streamId)).streamVersion;
const ok = async (type: string, data: Record<string, unknown>, actor = clerk) => {
  const reply = await sendA(type, data, actor);
  if (!reply.ok) throw new Error(`${type} failed: ${JSON.stringify(reply.error)}`);
  return reply.result;
};

beforeAll(async () => {
  [dbA, dbB] = await Promise.all([createTestDatabase('parts_a'), createTestDatabase('parts_b')]);
  [serviceA, serviceB] = await Promise.all([start(ids.storeA, dbA), start(ids.storeB, dbB)]);
  nc = await connectNats();
  sendA = natsSender(new CommandClient(nc, { signer: createCommandSigner(sharedTestCommandIssuer().signingKey), timeoutMs: 10_000 }), ids.storeA);
  eventsA = new PostgresEventStore({ pool: dbA.pool });
  eventsB = new PostgresEventStore({ pool: dbB.pool });
  await ok('RegisterPart', filter, manager);
  await ok('PlacePurchaseOrder', {
    purchaseOrderId: 'po-1',
    supplier: '长安配件中心',
    lines: [{ partNumber: filter.partNumber, quantity: 10, unitCost: cny(3_000) }],
  });
  await ok('ReceiveParts', { purchaseOrderId: 'po-1', partNumber: filter.partNumber, quantity: 10, bin: 'A-1' });
});

afterAll(async () => {
  eventsA?.close();
  eventsB?.close();
  await serviceA?.close();
  await serviceB?.close();
  if (nc) await deleteStoreStreams(nc, ids.groupId, [ids.storeA, ids.storeB]);
  await nc?.close();
  await Promise.all([dbA?.drop(), dbB?.drop()]);
});

describe('parts over NATS and PostgreSQL', () => {
  it('issues only to an RO the workshop opened and has not closed, learnt from the workshop events', async () => {
    const issue = { repairOrderId: 'ro-1', partNumber: filter.partNumber, quantity: 2, bin: 'A-1' };
    expect(await sendA('IssuePartsToRepairOrder', issue, clerk)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { reason: 'REPAIR_ORDER_NOT_FOUND' } },
    });
    const ws = workshopEvents({ storeId: ids.storeA, groupId: ids.groupId });
    const dims = { repairOrderId: 'ro-1', brand: '长安', roType: 'repair' as const, serviceAdvisorId: 'sa-1' };
    await appendEvents(eventsA, [ws.opened(dims, new Date().toISOString())]);
    await eventually('RO known to parts', async () => (await sendA('IssuePartsToRepairOrder', issue, clerk)).ok);
    expect((await eventsA.readStream(streams.part(filter.partNumber))).events.at(-1)).toMatchObject({
      type: 'PartsIssuedToRepairOrder',
      data: { onHand: 8, cost: cny(6_000), amount: cny(10_000) },
    });

    // The workshop's KPI facts show the issue (its projection reads the parts events of the store's log).
    await new ProjectionRunner({ pool: dbA.pool, store: eventsA, projections: workshopKpiProjections({ timeZone: 'Asia/Shanghai' }) }).runUntilCaughtUp();
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    const [point] = await queryKpis(dbA.pool, {
      names: ['workshop.partsIssued'],
      storeIds: [ids.storeA],
      from: today,
      to: today,
      granularity: 'DAY',
      by: ['serviceAdvisor'],
    });
    expect(point).toMatchObject({ value: 10_000, dimensions: { serviceAdvisor: 'sa-1' } });

    await appendEvents(eventsA, [
      ws.invoiced({ ...dims, labourFen: 10_000, partsFen: 10_000, technicians: [{ technicianId: 't-1', labourHours: 1 }] }, new Date().toISOString()),
    ]);
    await eventually('RO closed for parts', async () => (await pgRepairOrderStatuses(dbA.pool).statusOf(ids.storeA, 'ro-1')) === 'closed');
    const closed = await sendA('IssuePartsToRepairOrder', { ...issue, quantity: 1 }, clerk);
    expect(closed).toMatchObject({ error: { code: 'INVALID_TRANSITION', details: { reason: 'REPAIR_ORDER_CLOSED' } } });
  });

  it('returns typed errors and appends nothing on bad input', async () => {
    const stream = streams.part(filter.partNumber);
    const before = await versionOf(eventsA, stream);
    expect(await sendA('CountStock', { partNumber: filter.partNumber, bin: 'A-1', counted: -1, reason: 'lost' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await sendA('SellPartsOverCounter', { saleId: 's-1', partNumber: filter.partNumber, quantity: 99, bin: 'A-1' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'RULE_VIOLATION', details: { reason: 'INSUFFICIENT_STOCK' } },
    });
    expect(
      await sendA('TransferParts', { transferId: 't-x', partNumber: filter.partNumber, quantity: 1, bin: 'A-1', toStoreId: 'nowhere' }, clerk),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { reason: 'UNKNOWN_STORE' } },
    });
    expect(await versionOf(eventsA, stream)).toBe(before);
  });

  it('moves both stores’ stock exactly once for a transfer, through redelivery and a restart', async () => {
    await ok('TransferParts', { transferId: 't-1', partNumber: filter.partNumber, quantity: 3, bin: 'A-1', toStoreId: ids.storeB });
    const received = await eventually('transfer received at B', async () => {
      const { events } = await eventsB.readStream(streams.part(filter.partNumber));
      return events.length > 0 && events;
    });
    expect(received.map((e) => e.type)).toEqual(['PartRegistered', 'PartsTransferReceived']);
    expect(received[1]).toMatchObject({
      data: { transferId: 't-1', fromStoreId: ids.storeA, quantity: 3, onHand: 3, cost: cny(9_000), stockValue: cny(9_000) },
    });
    expect((await eventsA.readStream(streams.part(filter.partNumber))).events.at(-1)).toMatchObject({ type: 'PartsTransferShipped', data: { onHand: 5 } });

    // Redelivery without the inbox: the same shipment sent again decides nothing.
    const again = await serviceB.handlers.ReceiveTransferredParts({
      commandId: 'replayed-shipment',
      type: 'ReceiveTransferredParts',
      storeId: ids.storeB,
      actor: { kind: 'system', id: 'test', roles: ['system'] },
      data: {
        transferId: 't-1',
        fromStoreId: ids.storeA,
        partNumber: filter.partNumber,
        name: filter.name,
        kind: 'genuine',
        brand: '长安',
        quantity: 3,
        cost: cny(9_000),
        unitCost: cny(3_000),
        price: cny(5_000),
        bin: 'TRANSFER-IN',
      },
      metadata: { now: new Date().toISOString(), correlationId: 'replayed-shipment' },
    });
    expect(again.events).toEqual([]);

    // A restart of the receiving store resumes its durable consumer; nothing is received twice.
    await serviceB.close();
    serviceB = await start(ids.storeB, dbB);
    await ok('TransferParts', { transferId: 't-2', partNumber: filter.partNumber, quantity: 1, bin: 'A-1', toStoreId: ids.storeB });
    const after = await eventually('second transfer received', async () => {
      const { events } = await eventsB.readStream(streams.part(filter.partNumber));
      return events.length >= 3 && events;
    });
    expect(after.map((e) => [e.type, (e.data as { transferId?: string }).transferId])).toEqual([
      ['PartRegistered', undefined],
      ['PartsTransferReceived', 't-1'],
      ['PartsTransferReceived', 't-2'],
    ]);
    expect(after[2]).toMatchObject({ data: { onHand: 4, stockValue: cny(12_000) } });
  });
});
