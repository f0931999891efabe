import { type RecordedEvent } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { type BuiltEvent, salesEvents } from '../testing/sales-events.js';
import { businessDateOf, daysBetween, zoneResolver } from '../facts/business-date.js';
import { type FactDelta, type SalesFactState, foldSalesFacts } from './fold.js';

const ev = salesEvents({ storeId: 'store-a' });
const zone = zoneResolver(undefined);

const recorded = (built: readonly BuiltEvent[]): RecordedEvent[] =>
  built.map((b, i) => ({ ...b.event, streamId: b.streamId, streamVersion: 1, globalPosition: i + 1, recordedAt: new Date(0) }));

const emptyState = (): SalesFactState => ({ leads: new Map(), orders: new Map() });

/** Fact deltas as `date|brand|model|channel|consultant → {column: n}`, for readable expectations. */
const table = (deltas: FactDelta[]): Record<string, FactDelta['values']> =>
  Object.fromEntries(deltas.map((d) => [[d.businessDate, d.brand, d.model, d.channel, d.consultantId].join('|'), d.values]));

const lead = (at: string, consultantId?: string) =>
  ev.leadCaptured({ leadId: 'l1', channel: 'online', brand: '长安', model: 'CS75', ...(consultantId ? { consultantId } : {}) }, at);
const order = (at: string, extra: { online?: boolean; onlineSpecialistId?: string } = {}) =>
  ev.orderSigned({ orderId: 'o1', leadId: 'l1', consultantId: 'c1', brand: '长安', model: 'CS75', priceFen: 12_000_000, costFen: 11_000_000, ...extra }, at);

describe('business dates', () => {
  it("are the occurredAt's calendar day in the store's time zone", () => {
    expect(businessDateOf('2025-03-02T17:30:00Z', 'Asia/Shanghai')).toBe('2025-03-03');
    expect(businessDateOf('2025-03-02T15:59:59Z', 'Asia/Shanghai')).toBe('2025-03-02');
    expect(businessDateOf('2025-03-02T17:30:00Z', 'Europe/Berlin')).toBe('2025-03-02');
    expect(daysBetween('2025-02-27', '2025-03-02')).toBe(3);
  });

  it('reject an unknown zone with a typed error', () => {
    expect(() => zoneResolver('Mars/Olympus')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('sales fact fold', () => {
  it('counts a lead on its capture date and a visited lead once, on that same row', () => {
    const result = foldSalesFacts(
      recorded([
        lead('2025-03-03T10:00:00+08:00', 'c1'),
        ev.visit({ leadId: 'l1', consultantId: 'c2', visitKind: 'first' }, '2025-03-05T10:00:00+08:00'),
        ev.visit({ leadId: 'l1', consultantId: 'c2', visitKind: 'return' }, '2025-03-06T10:00:00+08:00'),
      ]),
      emptyState(),
      zone,
    );
    expect(table(result.deltas)).toEqual({
      '2025-03-03|长安|CS75|online|c1': { leads: 1, leads_visited: 1 },
      '2025-03-05|长安|CS75|online|c2': { first_visits: 1 },
    });
    expect(result.leads).toEqual([expect.objectContaining({ leadId: 'l1', visited: true, capturedOn: '2025-03-03' })]);
  });

  it("moves a lead's facts to its new assignee", () => {
    const state = emptyState();
    foldSalesFacts(
      recorded([lead('2025-03-03T10:00:00+08:00'), ev.visit({ leadId: 'l1', consultantId: 'c2', visitKind: 'first' }, '2025-03-04T10:00:00+08:00')]),
      state,
      zone,
    );
    const moved = foldSalesFacts(recorded([ev.leadAssigned({ leadId: 'l1', assigneeId: 'c2' }, '2025-03-05T10:00:00+08:00')]), state, zone);
    expect(table(moved.deltas)).toEqual({
      '2025-03-03|长安|CS75|online|': { leads: -1, leads_visited: -1 },
      '2025-03-03|长安|CS75|online|c2': { leads: 1, leads_visited: 1 },
    });
  });

  it('credits an online order to the online specialist and a cancellation takes back exactly what signing added', () => {
    const state = emptyState();
    const signed = foldSalesFacts(
      recorded([lead('2025-03-01T10:00:00+08:00'), order('2025-03-04T10:00:00+08:00', { online: true, onlineSpecialistId: 'web1' })]),
      state,
      zone,
    );
    expect(table(signed.deltas)['2025-03-04|长安|CS75|online|web1']).toEqual({ orders: 1, online_orders: 1, lead_to_order_days: 3, lead_to_order_orders: 1 });
    const cancelled = foldSalesFacts(recorded([ev.orderCancelled({ orderId: 'o1' }, '2025-03-06T10:00:00+08:00')]), state, zone);
    expect(table(cancelled.deltas)).toEqual({
      '2025-03-04|长安|CS75|online|web1': { orders: -1, online_orders: -1, lead_to_order_days: -3, lead_to_order_orders: -1 },
      '2025-03-06|长安|CS75|online|web1': { orders_cancelled: 1 },
    });
    // Cancelling twice (a replayed event) changes nothing more.
    expect(foldSalesFacts(recorded([ev.orderCancelled({ orderId: 'o1' }, '2025-03-07T10:00:00+08:00')]), state, zone).deltas).toEqual([]);
  });

  it("books revenue and gross profit (delivered price − the order's cost) on the delivery date", () => {
    const state = emptyState();
    foldSalesFacts(recorded([lead('2025-03-01T10:00:00+08:00'), order('2025-03-02T10:00:00+08:00')]), state, zone);
    const delivered = foldSalesFacts(
      recorded([ev.delivered({ orderId: 'o1', leadId: 'l1', consultantId: 'c1', brand: '长安', model: 'CS75', priceFen: 11_800_000 }, '2025-03-02T16:30:00Z')]),
      state,
      zone,
    );
    expect(table(delivered.deltas)).toEqual({
      '2025-03-03|长安|CS75|online|c1': { deliveries: 1, revenue_fen: 11_800_000, gross_profit_fen: 800_000, deliveries_costed: 1 },
    });
  });

  it('counts a delivery whose order it never saw, but leaves it out of gross profit', () => {
    const result = foldSalesFacts(
      recorded([
        ev.delivered({ orderId: 'o9', leadId: 'l9', consultantId: 'c1', brand: '长安', model: 'CS55', priceFen: 9_000_000 }, '2025-03-02T10:00:00+08:00'),
      ]),
      emptyState(),
      zone,
    );
    expect(table(result.deltas)).toEqual({ '2025-03-02|长安|CS55||c1': { deliveries: 1, revenue_fen: 9_000_000 } });
    const online = ev.delivered(
      { orderId: 'o8', leadId: 'l8', consultantId: 'c1', brand: '长安', model: 'CS55', priceFen: 9_000_000, online: true },
      '2025-03-02T10:00:00+08:00',
    );
    const credited = { ...online, event: { ...online.event, data: { ...(online.event.data as object), onlineSpecialistId: 'web1' } } };
    expect(table(foldSalesFacts(recorded([credited]), emptyState(), zone).deltas)).toEqual({
      '2025-03-02|长安|CS55||web1': { deliveries: 1, revenue_fen: 9_000_000 },
    });
  });

  it('rejects event data that breaks its contract with a typed error (the runner parks it)', () => {
    const [bad] = recorded([lead('2025-03-03T10:00:00+08:00')]);
    const broken = { ...bad!, data: { ...(bad!.data as object), channel: 'carrier_pigeon' } };
    expect(() => foldSalesFacts([broken], emptyState(), zone)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
