import { sales } from '@rooftop/contracts';
import { uuidv7 } from '@rooftop/eventsourcing';
import { sendCommand } from '@rooftop/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadStream, orderStream } from '../src/commands/index.js';
import { captureLead, cny, requestDiscount, signOrder } from './fixtures/data.js';
import { actors, BUSINESS_NOW, ok, type SalesHarness, startHarness, testSigner } from './fixtures/service.js';

// Concurrency and bad input against the running service: every failure is a typed error and appends nothing.

let h: SalesHarness;
beforeAll(async () => {
  h = await startHarness('sales_guards');
  ok(await h.send(sales.CaptureLead, captureLead('lead-1')));
  ok(await h.send(sales.CaptureLead, captureLead('lead-2')));
});
afterAll(async () => {
  await h?.close();
});

const errorOf = (reply: Awaited<ReturnType<SalesHarness['send']>>) => {
  if (reply.ok) throw new Error('expected an error reply');
  return reply.error;
};

describe('bad input is a typed error and appends nothing', () => {
  it('missing fields, wrong types and negative prices fail validation against the contract', async () => {
    const before = await h.eventCount();
    const { customerPhone: _dropped, ...missingPhone } = captureLead('lead-x');
    const missing = errorOf(await h.send(sales.CaptureLead, missingPhone as never));
    expect(missing.code).toBe('VALIDATION_FAILED');
    expect(missing.details?.issues).toContainEqual(expect.objectContaining({ path: 'data.customerPhone' }));

    const wrongType = errorOf(
      await h.send(sales.RecordShowroomVisit, { leadId: 'lead-1', consultantId: 'emp-a', partySize: 'two', byAppointment: 'no' } as never),
    );
    expect(wrongType.code).toBe('VALIDATION_FAILED');
    expect((wrongType.details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['data.byAppointment', 'data.partySize']);

    const negative = errorOf(await h.send(sales.SignOrder, signOrder('ord-neg', 'lead-1', { price: { amount: -100, currency: 'CNY' } })));
    expect(negative.code).toBe('VALIDATION_FAILED');
    expect(negative.details?.issues).toContainEqual(expect.objectContaining({ path: 'data.price.amount' }));

    const fractional = errorOf(
      await h.send(
        sales.SettleOrder,
        { orderId: 'ord-1', settledOn: '2025-03-06', amountReceived: { amount: 10.5, currency: 'CNY' } },
        { actor: actors.finance },
      ),
    );
    expect(fractional.code).toBe('VALIDATION_FAILED');
    expect(await h.eventCount()).toBe(before);
  });

  it('unknown ids are NOT_FOUND with the rule reason', async () => {
    const before = await h.eventCount();
    expect(errorOf(await h.send(sales.SignOrder, signOrder('ord-2', 'lead-nope')))).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'LEAD_NOT_FOUND' } });
    expect(errorOf(await h.send(sales.RecordShowroomVisit, { leadId: 'lead-nope', consultantId: 'emp-a', partySize: 1, byAppointment: false }))).toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'LEAD_NOT_FOUND' },
    });
    expect(
      errorOf(await h.send(sales.ApproveDiscount, { orderId: 'ord-nope', requestId: 'dr-1', approvedDiscount: cny(100) }, { actor: actors.manager })),
    ).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'ORDER_NOT_FOUND' } });
    expect(
      errorOf(
        await h.send(sales.DeliverVehicle, {
          orderId: 'ord-nope',
          vin: 'LS5A3ABE5KB123456',
          deliveryDate: '2025-03-08',
          contactConsent: true,
          policySold: false,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'ORDER_NOT_FOUND' } });
    expect((await h.service.store.readStream(orderStream('ord-2'))).streamVersion).toBe(0);
    expect(await h.eventCount()).toBe(before);
  });

  it('an order for another store is refused, at the gate and against a lead captured by another store', async () => {
    // Sent to this store's subject but naming another store.
    const command = {
      commandId: uuidv7(),
      type: 'SignOrder' as const,
      storeId: 'other-store',
      actor: actors.consultant,
      data: signOrder('ord-3', 'lead-1'),
      metadata: { now: BUSINESS_NOW, correlationId: uuidv7() },
    };
    const wrongStore = await sendCommand(h.nc, { signer: testSigner, contract: sales.SignOrder, command, storeId: h.storeId });
    expect(wrongStore).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'WRONG_STORE' } } });

    // Stores may share one PostgreSQL server in development; a lead recorded by store B stays store B's.
    await h.service.store.appendToStream(
      leadStream('lead-b'),
      [
        {
          eventId: uuidv7(),
          type: 'LeadCaptured',
          schemaVersion: 1,
          data: captureLead('lead-b'),
          metadata: { storeId: 'store-b', groupId: h.groupId, correlationId: uuidv7(), actor: { kind: 'user', id: 'emp-b' }, occurredAt: BUSINESS_NOW },
        },
      ],
      { expectedVersion: 'noStream' },
    );
    const before = await h.eventCount();
    expect(errorOf(await h.send(sales.SignOrder, signOrder('ord-3', 'lead-b')))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'LEAD_OF_ANOTHER_STORE' },
    });
    expect(errorOf(await h.send(sales.RequestDiscount, requestDiscount('ord-3', 'lead-b')))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'LEAD_OF_ANOTHER_STORE' },
    });
    expect(await h.eventCount()).toBe(before);
  });

  it('a role the contract does not allow is FORBIDDEN', async () => {
    ok(await h.send(sales.RequestDiscount, requestDiscount('ord-role', 'lead-2')));
    const before = await h.eventCount();
    const reply = await h.send(sales.ApproveDiscount, { orderId: 'ord-role', requestId: 'dr-1', approvedDiscount: cny(8_000) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { reason: 'MISSING_ROLE' } } });
    expect(await h.eventCount()).toBe(before);
  });
});

describe('20 concurrent commands on one stream', () => {
  it('on one order: one discount request wins, the others see it and are refused; one manager decision wins', async () => {
    const requests = await Promise.all(Array.from({ length: 20 }, (_, i) => h.send(sales.RequestDiscount, requestDiscount('ord-race', 'lead-1', `dr-${i}`))));
    const won = requests.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    for (const reply of requests.filter((r) => !r.ok))
      expect(errorOf(reply)).toMatchObject({ code: 'INVALID_TRANSITION', details: { reason: 'DISCOUNT_REQUEST_PENDING' } });
    const stream = await h.service.store.readStream(orderStream('ord-race'));
    expect(stream.events.map((e) => e.type)).toEqual(['DiscountRequested']);
    const requestId = (stream.events[0]!.data as { requestId: string }).requestId;

    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? h.send(sales.ApproveDiscount, { orderId: 'ord-race', requestId, approvedDiscount: cny(8_000 - i) }, { actor: actors.manager })
          : h.send(sales.RejectDiscount, { orderId: 'ord-race', requestId, reason: `no ${i}` }, { actor: actors.manager }),
      ),
    );
    expect(decisions.filter((r) => r.ok)).toHaveLength(1);
    for (const reply of decisions.filter((r) => !r.ok)) expect(errorOf(reply).details).toMatchObject({ reason: 'DISCOUNT_REQUEST_NOT_PENDING' });
    expect((await h.service.store.readStream(orderStream('ord-race'))).streamVersion).toBe(2);
  });

  it('on one lead: 20 contacts all land, none lost, each at its own version', async () => {
    const start = (await h.service.store.readStream(leadStream('lead-2'))).streamVersion;
    const replies = await Promise.all(Array.from({ length: 20 }, () => h.send(sales.RecordContact, { leadId: 'lead-2', method: 'phone', outcome: 'reached' })));
    const versions = replies.map((r) => ok(r).streamVersion).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
    const stream = await h.service.store.readStream(leadStream('lead-2'));
    expect(stream.events.filter((e) => e.type === 'LeadContacted')).toHaveLength(20);
  });
});
