import { type NatsConnection } from '@nats-io/transport-node';
import { parseWith, sales, workshop } from '@rooftop/contracts';
import { type RecordedEvent, uuidv7 } from '@rooftop/eventsourcing';
import { PostgresEventStore, ScheduledCommandDispatcher } from '@rooftop/eventstore-postgres';
import { listRenewalsDue, queryKpis } from '@rooftop/kpis';
import { CommandClient, createCommandSigner } from '@rooftop/messaging';
import { timerSender } from '@rooftop/service-host';
import { createTestDatabase, sharedTestCommandIssuer, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../src/commands/streams.js';
import { deliveryPolicyId } from '../src/reactions/vehicle-delivered.js';
import { INSURANCE_SCHEDULER_SCHEMA, type InsuranceServiceHandle, startInsuranceService } from '../src/service.js';
import { clerk, renewalClerk, terms } from './builders.js';
import { connectNats, deleteStoreStream, eventually, natsSender, publishAsRelay, serviceConfig, uniqueIds } from './harness.js';

// The insurance service in process on real PostgreSQL and NATS: sales' VehicleDelivered arrives on the store's
// JetStream stream exactly as the sales relay publishes it; commands go over NATS request/reply.

const ids = uniqueIds('ins');
const prefix = `t-${ids.storeId}`;
const reaction = (name = 'vehicle-delivered') => service!.reactions.find((r) => r.durable === `${prefix}-${name}`)!;
let db: TestDatabase;
let service: InsuranceServiceHandle | undefined;
let nc: NatsConnection;
let events: PostgresEventStore;
let send: ReturnType<typeof natsSender>;

const delivered = (vin: string, orderId: string, policySold: boolean): RecordedEvent => {
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
      policySold,
      ...(policySold ? { insurer: '人保' } : {}),
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

const start = () => startInsuranceService(serviceConfig(ids, db.url), { durablePrefix: prefix, clock: () => new Date('2026-03-02T03:00:00Z') });
const policyEvents = async (policyId: string) => (await events.readStream(streams.policy(policyId))).events;
const claimEvents = async (claimId: string) => (await events.readStream(streams.claim(claimId))).events;

/** Workshop's invoice of a repair order, as the relay publishes it. */
const invoiced = (repairOrderId: string, roType: 'insurance_claim' | 'repair'): RecordedEvent => {
  const cny = (amount: number) => ({ amount, currency: 'CNY' as const });
  const data = parseWith(
    workshop.RepairOrderInvoiced.schema,
    {
      repairOrderId,
      brand: '长安',
      roType,
      serviceAdvisorId: 'sa-1',
      invoiceId: `inv-${repairOrderId}`,
      payer: roType === 'repair' ? 'customer' : 'insurer',
      ...(roType === 'repair' ? {} : { insurer: '人保' }),
      amounts: { labour: cny(80_000), parts: cny(170_000), discount: cny(10_000), total: cny(240_000) },
      technicians: [{ technicianId: 't-1', labourHours: 8 }],
      comeback: false,
      invoicedOn: '2026-03-09',
    },
    'RepairOrderInvoiced',
  );
  const eventId = uuidv7();
  return {
    eventId,
    type: 'RepairOrderInvoiced',
    schemaVersion: workshop.RepairOrderInvoiced.schemaVersion,
    data,
    streamId: `workshop-repairorder-${repairOrderId}`,
    streamVersion: 8,
    globalPosition: 200,
    recordedAt: new Date(),
    metadata: {
      storeId: ids.storeId,
      groupId: ids.groupId,
      correlationId: eventId,
      actor: { kind: 'user', id: 'cash-1' },
      occurredAt: '2026-03-09T16:00:00+08:00',
    },
  };
};

beforeAll(async () => {
  db = await createTestDatabase('insurance_service');
  service = await start();
  nc = await connectNats();
  send = natsSender(new CommandClient(nc, { signer: createCommandSigner(sharedTestCommandIssuer().signingKey), timeoutMs: 10_000 }), ids.storeId);
  events = new PostgresEventStore({ pool: db.pool });
});

afterAll(async () => {
  await service?.close();
  if (nc) await deleteStoreStream(nc, ids);
  await nc?.close();
  events?.close();
  await db?.drop();
});

describe('insurance service', () => {
  const A = 'LS5A3DKE0NA200001';
  const withPolicy = delivered(A, 'ord-a', true);
  const policyId = deliveryPolicyId('ord-a');

  it('records a delivery sold with a policy, once under redelivery and across a restart; a delivery without one records nothing', async () => {
    await publishAsRelay(nc, ids, 'sales', withPolicy);
    await publishAsRelay(nc, ids, 'sales', delivered('LS5A3DKE0NA200002', 'ord-b', false));
    await eventually('policy recorded', async () => (await policyEvents(policyId)).length === 1);
    await eventually('both deliveries consumed', async () => reaction().stats.processed >= 2);

    const before = reaction().stats.duplicates;
    await publishAsRelay(nc, ids, 'sales', withPolicy, `${withPolicy.eventId}-again`);
    await eventually('redelivery seen', async () => reaction().stats.duplicates > before);
    await service!.close();
    service = undefined;
    await publishAsRelay(nc, ids, 'sales', withPolicy, `${withPolicy.eventId}-third`);
    service = await start();
    await eventually('third copy consumed', async () => reaction().stats.duplicates >= 1);

    expect((await policyEvents(policyId)).map((e) => [e.type, e.data])).toEqual([
      ['DeliveryPolicyRecorded', expect.objectContaining({ policyId, orderId: 'ord-a', vin: A, insurer: '人保', sourceEventId: withPolicy.eventId })],
    ]);
    expect((await policyEvents(deliveryPolicyId('ord-b'))).length).toBe(0);
  });

  it('takes the terms over NATS, schedules the renewal, opens it when due and lists it as due', async () => {
    const sold = await send('SellNewPolicy', { policyId, vin: A, brand: '长安', model: 'CS75 PLUS', customerId: 'cust-ord-a', ...terms }, clerk);
    expect(sold).toMatchObject({ ok: true, result: { events: [{ type: 'NewPolicySold' }] } });
    const timers = await db.pool.query<{ schedule_id: string; due_at: Date }>(
      `SELECT schedule_id, due_at FROM ${INSURANCE_SCHEDULER_SCHEMA}.scheduled_commands WHERE schedule_id LIKE $1`,
      [`%${policyId}%`],
    );
    expect(timers.rows).toEqual([{ schedule_id: `insurance:${ids.storeId}:renewal-open:${policyId}:1`, due_at: new Date('2026-12-31T01:00:00Z') }]);

    const dispatcher = new ScheduledCommandDispatcher({
      pool: db.pool,
      schema: INSURANCE_SCHEDULER_SCHEMA,
      send: timerSender('insurance', service!.handlers, { warn: () => undefined }),
      clock: () => new Date('2026-12-31T01:00:01Z'),
      listen: false,
      logger: { warn: () => undefined, error: () => undefined },
    });
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    await dispatcher.stop();
    expect((await policyEvents(policyId)).map((e) => e.type)).toEqual(['DeliveryPolicyRecorded', 'NewPolicySold', 'RenewalOpportunityOpened']);

    expect(await send('AssignRenewal', { policyId, assigneeId: 'sa-7', assigneeRole: 'service_advisor' }, renewalClerk)).toMatchObject({ ok: true });
    const due = await eventually('renewal listed', async () => {
      const rows = await listRenewalsDue(db.pool, 'read', { storeIds: [ids.storeId], expiresBy: '2027-03-31', limit: 10, offset: 0 });
      return rows[0]?.assignee_id === 'sa-7' ? rows : undefined;
    });
    expect(due).toEqual([
      expect.objectContaining({ policy_id: policyId, expires_on: '2027-03-01', expiring_premium_fen: 515_000, assignee_role: 'service_advisor', calls: 0 }),
    ]);
  });

  it('answers the renewal of an unknown policy with a typed error and appends nothing', async () => {
    const reply = await send('RenewPolicy', { policyId: 'p-unknown', ...terms }, renewalClerk);
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'POLICY_NOT_FOUND' } } });
    expect((await policyEvents('p-unknown')).length).toBe(0);
    const bad = await send('SellNewPolicy', { policyId: 'p-bad', vin: A, brand: '长安', model: 'CS75', customerId: 'c', ...terms, coverages: [] }, clerk);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await policyEvents('p-bad')).length).toBe(0);
  });

  it('records the repair of a reported claim from the workshop invoice of its RO, once, and settles it', async () => {
    const report = {
      claimId: 'cl-1',
      insurer: '人保',
      vin: A,
      brand: '长安',
      model: 'CS75 PLUS',
      customerId: 'cust-ord-a',
      serviceAdvisorId: 'sa-1',
      mileageKm: 9_000,
      accidentOn: '2026-03-05',
      description: 'Rear bumper',
    };
    expect(await send('ReportClaim', report, clerk)).toMatchObject({ ok: true, result: { events: [{ type: 'ClaimReported' }] } });
    const invoice = invoiced('cl-1', 'insurance_claim');
    await publishAsRelay(nc, ids, 'workshop', invoice);
    await publishAsRelay(nc, ids, 'workshop', invoiced('ro-other', 'repair'));
    await publishAsRelay(nc, ids, 'workshop', invoice, `${invoice.eventId}-again`);
    await eventually('claim repaired', async () => (await claimEvents('cl-1')).length === 2);
    await eventually('all invoices consumed', async () => reaction('claim-invoiced').stats.processed + reaction('claim-invoiced').stats.duplicates >= 3);
    expect(await send('SettleClaim', { claimId: 'cl-1', settledAmount: { amount: 230_000, currency: 'CNY' } }, clerk)).toMatchObject({ ok: true });
    expect((await claimEvents('cl-1')).map((e) => [e.type, e.data])).toEqual([
      ['ClaimReported', expect.objectContaining({ claimId: 'cl-1', repairOrderId: 'cl-1' })],
      ['ClaimRepaired', expect.objectContaining({ repairOrderId: 'cl-1', repairAmount: { amount: 240_000, currency: 'CNY' }, repairedOn: '2026-03-09' })],
      ['ClaimSettled', expect.objectContaining({ settledAmount: { amount: 230_000, currency: 'CNY' }, repairAmount: { amount: 240_000, currency: 'CNY' } })],
    ]);
    expect(reaction('claim-invoiced').stats.deadLettered).toBe(0);
  });

  it('counts penetration from the deliveries in the KPI facts', async () => {
    // The store's services share its event store: sales appends its deliveries there, the relay publishes them.
    for (const e of [withPolicy, delivered('LS5A3DKE0NA200002', 'ord-b', false)]) {
      const { eventId, type, schemaVersion, data, metadata } = e;
      await events.appendToStream(e.streamId, [{ eventId, type, schemaVersion, data, metadata }], { expectedVersion: 'noStream' });
    }
    const points = await eventually('facts projected', async () => {
      const p = await queryKpis(db.pool, {
        names: ['insurance.newCarPenetration'],
        storeIds: [ids.storeId],
        from: '2026-03-01',
        to: '2026-03-31',
        granularity: 'MONTH',
        by: [],
      });
      return p[0]?.denominator === 2 ? p : undefined;
    });
    expect(points).toEqual([expect.objectContaining({ name: 'insurance.newCarPenetration', value: 0.5, numerator: 1, denominator: 2 })]);
  });
});
