import { jetstreamManager } from '@nats-io/jetstream';
import { eventSubject, platformRegistry, sales, storeStreamName } from '@rooftop/contracts';
import { decodeCloudEvent } from '@rooftop/messaging';
import { eventStoreDbSkipReason, eventStoreDbUrl } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadStream, orderStream } from '../src/commands/index.js';
import { captureLead, cny, requestDiscount, signOrder, VIN } from './fixtures/data.js';
import { actors, eventually, ok, type SalesHarness, startHarness } from './fixtures/service.js';

// The sales service with its log in EventStoreDB (EVENT_STORE=eventstoredb): commands over NATS, appends with
// command results, the relay to JetStream and the projections into PostgreSQL, all through the adapter.
const url = eventStoreDbUrl('services');

describe.skipIf(url === undefined)(
  url === undefined ? `sales on EventStoreDB: skipped (${eventStoreDbSkipReason('services')})` : 'sales on EventStoreDB',
  () => {
    let h: SalesHarness;
    beforeAll(async () => {
      h = await startHarness('sales_esdb', { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: url! });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('runs lead → order → delivery with the log in EventStoreDB', async () => {
      ok(await h.send(sales.CaptureLead, captureLead('lead-1')));
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
      ok(await h.send(sales.RequestDiscount, requestDiscount('ord-1', 'lead-1')));
      ok(await h.send(sales.ApproveDiscount, { orderId: 'ord-1', requestId: 'dr-1', approvedDiscount: cny(8_000) }, { actor: actors.manager }));
      ok(await h.send(sales.SignOrder, signOrder('ord-1', 'lead-1', { price: cny(112_000), approvedDiscountRequestId: 'dr-1' })));
      ok(await h.send(sales.SettleOrder, { orderId: 'ord-1', settledOn: '2025-03-06', amountReceived: cny(112_000) }, { actor: actors.finance }));
      ok(
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
      expect((await h.service.store.readStream(leadStream('lead-1'))).events.map((e) => e.type)).toEqual(['LeadCaptured', 'QuotationIssued']);
      const order = await h.service.store.readStream(orderStream('ord-1'));
      expect(order.events.map((e) => e.type)).toEqual(['DiscountRequested', 'DiscountApproved', 'OrderSigned', 'OrderSettled', 'VehicleDelivered']);
      expect(order.events[1]!.metadata).toMatchObject({ storeId: h.storeId, groupId: h.groupId, actor: { id: 'mgr-1' } });
    });

    it('returns the first result for a repeated command id and appends nothing', async () => {
      const contact = { leadId: 'lead-1', method: 'phone' as const, outcome: 'reached' as const };
      const first = ok(await h.send(sales.RecordContact, contact, { idempotencyKey: 'contact-once' }));
      const before = await h.eventCount();
      expect(ok(await h.send(sales.RecordContact, contact, { idempotencyKey: 'contact-once' }))).toEqual(first);
      expect(await h.eventCount()).toBe(before);
    });

    it('relays VehicleDelivered to JetStream with its position and the position before it', async () => {
      const jsm = await jetstreamManager(h.nc);
      const subject = eventSubject(h.groupId, h.storeId, 'sales', 'VehicleDelivered');
      const message = await eventually(
        'VehicleDelivered on JetStream',
        async () => (await jsm.streams.getMessage(storeStreamName(h.groupId, h.storeId), { last_by_subj: subject })) ?? undefined,
      );
      const event = decodeCloudEvent(message.data, platformRegistry);
      const stored = (await h.service.store.readStream(orderStream('ord-1'))).events.at(-1)!;
      expect(event).toMatchObject({ type: 'VehicleDelivered', eventId: stored.eventId, position: stored.globalPosition });
      expect(event.previousPosition).toBeLessThan(stored.globalPosition);
    });

    it('runs the sales projections over the EventStoreDB log', async () => {
      const delivered = (await h.service.store.readStream(orderStream('ord-1'))).events.at(-1)!.globalPosition;
      const statuses = await eventually('projections past the delivery', async () => {
        const all = await h.service.projections.status();
        return all.length > 0 && all.every((s) => s.position >= delivered && s.deadLetters === 0) ? all : undefined;
      });
      expect(statuses.map((s) => s.status)).not.toContain('stopped');
    });
  },
);
