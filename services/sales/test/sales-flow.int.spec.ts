import { jetstreamManager } from '@nats-io/jetstream';
import { eventSubject, platformRegistry, sales, storeStreamName } from '@rooftop/contracts';
import { decodeCloudEvent } from '@rooftop/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadStream, orderStream } from '../src/commands/index.js';
import { captureLead, cny, requestDiscount, signOrder, VIN } from './fixtures/data.js';
import { actors, eventually, ok, type SalesHarness, startHarness } from './fixtures/service.js';

// The sales service in-process on real PostgreSQL and NATS, driven only through its NATS command subjects.

let h: SalesHarness;
beforeAll(async () => {
  h = await startHarness('sales_flow');
});
afterAll(async () => {
  await h?.close();
});

describe('sales service over NATS: lead to delivery', () => {
  it('runs lead → visit → test drive → quotation → discount approval → order → settle → deliver', async () => {
    ok(await h.send(sales.CaptureLead, captureLead('lead-1')));
    ok(await h.send(sales.RecordShowroomVisit, { leadId: 'lead-1', consultantId: 'emp-a', partySize: 2, byAppointment: false }));
    ok(await h.send(sales.CompleteTestDrive, { leadId: 'lead-1', consultantId: 'emp-a', brand: 'Changan', model: 'CS75' }));
    ok(
      await h.send(sales.IssueQuotation, {
        leadId: 'lead-1',
        quotationId: 'q-1',
        consultantId: 'emp-a',
        brand: 'Changan',
        model: 'CS75',
        listPrice: cny(120_000),
        quotedPrice: cny(115_000),
        validUntil: '2025-03-10',
      }),
    );

    // 8,000 CNY off is beyond the consultant's 3,000 CNY authority: signing without approval is refused.
    const refused = await h.send(sales.SignOrder, signOrder('ord-1', 'lead-1', { price: cny(112_000) }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION', details: { reason: 'DISCOUNT_NEEDS_APPROVAL' } } });

    ok(await h.send(sales.RequestDiscount, requestDiscount('ord-1', 'lead-1')));
    ok(await h.send(sales.ApproveDiscount, { orderId: 'ord-1', requestId: 'dr-1', approvedDiscount: cny(8_000) }, { actor: actors.manager }));
    ok(await h.send(sales.SignOrder, signOrder('ord-1', 'lead-1', { price: cny(112_000), approvedDiscountRequestId: 'dr-1' })));
    ok(await h.send(sales.SettleOrder, { orderId: 'ord-1', settledOn: '2025-03-06', amountReceived: cny(112_000) }, { actor: actors.finance }));
    const delivered = ok(
      await h.send(sales.DeliverVehicle, {
        orderId: 'ord-1',
        vin: VIN,
        plate: '渝A12345',
        deliveryDate: '2025-03-08',
        contactConsent: true,
        policySold: true,
        insurer: 'PICC',
      }),
    );
    expect(delivered.events.map((e) => e.type)).toEqual(['VehicleDelivered']);

    const lead = await h.service.store.readStream(leadStream('lead-1'));
    expect(lead.events.map((e) => e.type)).toEqual(['LeadCaptured', 'ShowroomVisitRecorded', 'TestDriveCompleted', 'QuotationIssued']);
    const order = await h.service.store.readStream(orderStream('ord-1'));
    expect(order.events.map((e) => e.type)).toEqual(['DiscountRequested', 'DiscountApproved', 'OrderSigned', 'OrderSettled', 'VehicleDelivered']);
    expect(order.events[1]!.metadata).toMatchObject({ storeId: h.storeId, groupId: h.groupId, actor: { id: 'mgr-1' } });
  });

  it('publishes VehicleDelivered to JetStream through the relay, with what workshop and insurance need', async () => {
    const jsm = await jetstreamManager(h.nc);
    const subject = eventSubject(h.groupId, h.storeId, 'sales', 'VehicleDelivered');
    // getMessage answers null until the relay has published the event.
    const message = await eventually(
      'VehicleDelivered on JetStream',
      async () => (await jsm.streams.getMessage(storeStreamName(h.groupId, h.storeId), { last_by_subj: subject })) ?? undefined,
    );
    const event = decodeCloudEvent(message.data, platformRegistry);
    expect(event.type).toBe('VehicleDelivered');
    expect(event.data).toMatchObject({
      orderId: 'ord-1',
      vin: VIN,
      plate: '渝A12345',
      brand: 'Changan',
      model: 'CS75',
      customerId: 'cust-lead-1',
      customerName: 'Wang Fang',
      customerPhone: '13800138000',
      contactConsent: true,
      deliveryDate: '2025-03-08',
      consultantId: 'emp-a',
      online: false,
      policySold: true,
      insurer: 'PICC',
      financing: { type: 'loan', lender: 'Bank of Chongqing' },
      price: cny(112_000),
    });
  });

  it('runs the sales projections up to the delivery', async () => {
    const head = await h.service.store.headPosition();
    const statuses = await eventually('projections caught up', async () => {
      const all = await h.service.projections.status();
      return all.length > 0 && all.every((s) => s.position >= head && s.deadLetters === 0) ? all : undefined;
    });
    expect(statuses.map((s) => s.status)).not.toContain('stopped');
  });

  it('the same command twice (same commandId) changes nothing and returns the first result', async () => {
    const contact = { leadId: 'lead-1', method: 'phone' as const, outcome: 'reached' as const };
    const first = ok(await h.send(sales.RecordContact, contact, { idempotencyKey: 'contact-once' }));
    const before = await h.eventCount();
    const again = ok(await h.send(sales.RecordContact, contact, { idempotencyKey: 'contact-once' }));
    expect(again).toEqual(first);
    expect(await h.eventCount()).toBe(before);
    expect((await h.service.store.readStream(leadStream('lead-1'))).streamVersion).toBe(first.streamVersion);
  });

  it('a target set again with the same numbers appends nothing', async () => {
    const target = { scope: { level: 'consultant' as const, consultantId: 'emp-a' }, month: '2025-03', units: 12 };
    const first = ok(await h.send(sales.SetSalesTarget, target, { actor: actors.manager }));
    expect(first.events).toHaveLength(1);
    const repeated = ok(await h.send(sales.SetSalesTarget, target, { actor: actors.manager }));
    expect(repeated.events).toHaveLength(0);
    expect(repeated.streamVersion).toBe(first.streamVersion);
  });
});
