import { parts as p } from '@rooftop/contracts';
import { type Actor, type Command, InMemoryEventStore, ValidationError } from '@rooftop/eventsourcing';
import { reactionCommand } from '@rooftop/service-host';
import { describe, expect, it } from 'vitest';
import { clerk, cny, filter, manager, settings, STORE } from '../../test/builders.js';
import { transferReceived } from '../reactions/transfer-received.js';
import { partsHandlers } from './handlers.js';
import { inMemoryRepairOrderStatuses } from './repair-orders.js';
import { streams } from './streams.js';

// The handler map on the kernel's in-memory store: cross-stream reads, validation, idempotency (no I/O).

const setup = () => {
  const store = new InMemoryEventStore();
  const repairOrders = inMemoryRepairOrderStatuses({ 'ro-1': 'open' });
  const handlers = partsHandlers({ store, groupId: 'g1', settings, repairOrders });
  let n = 0;
  const send = (type: string, data: Record<string, unknown>, actor: Actor = clerk, commandId = `u-${++n}`) =>
    (handlers as Record<string, (c: Command) => Promise<{ events: readonly { type: string }[] }>>)[type]!({
      commandId,
      type,
      storeId: STORE,
      actor,
      data,
      metadata: { now: '2026-03-02T10:00:00+08:00', correlationId: commandId },
    });
  return { store, repairOrders, send };
};
const stockOf = async (store: InMemoryEventStore) =>
  (await store.readStream(streams.part(filter.partNumber))).events.at(-1)?.data as { onHand: number } | undefined;

describe('parts handlers', () => {
  it('serve every parts command contract', () => {
    const handlers = partsHandlers({ store: new InMemoryEventStore(), groupId: 'g1', settings, repairOrders: inMemoryRepairOrderStatuses() });
    expect(Object.keys(handlers).sort()).toEqual(p.partsCommands.map((c) => c.type).sort());
  });

  it('receive against the purchase order they read, and issue to an RO by the status they read', async () => {
    const { store, repairOrders, send } = setup();
    await send('RegisterPart', filter, manager);
    await expect(send('ReceiveParts', { purchaseOrderId: 'po-1', partNumber: filter.partNumber, quantity: 2, bin: 'A-1' })).rejects.toMatchObject({
      reason: 'PURCHASE_LINE_NOT_FOUND',
    });
    await send('PlacePurchaseOrder', {
      purchaseOrderId: 'po-1',
      supplier: 'OEM',
      lines: [{ partNumber: filter.partNumber, quantity: 2, unitCost: cny(3_000) }],
    });
    await send('ReceiveParts', { purchaseOrderId: 'po-1', partNumber: filter.partNumber, quantity: 2, bin: 'A-1' });
    await send('IssuePartsToRepairOrder', { repairOrderId: 'ro-1', partNumber: filter.partNumber, quantity: 1, bin: 'A-1' });
    repairOrders.set('ro-1', 'closed');
    await expect(send('IssuePartsToRepairOrder', { repairOrderId: 'ro-1', partNumber: filter.partNumber, quantity: 1, bin: 'A-1' })).rejects.toMatchObject({
      reason: 'REPAIR_ORDER_CLOSED',
    });
    expect(await stockOf(store)).toMatchObject({ onHand: 1 });
  });

  it('never let two concurrent issues take the same last units (the append checks the part stream version)', async () => {
    const { store, send } = setup();
    await send('RegisterPart', filter, manager);
    await send('PlacePurchaseOrder', {
      purchaseOrderId: 'po-1',
      supplier: 'OEM',
      lines: [{ partNumber: filter.partNumber, quantity: 3, unitCost: cny(3_000) }],
    });
    await send('ReceiveParts', { purchaseOrderId: 'po-1', partNumber: filter.partNumber, quantity: 3, bin: 'A-1' });
    const issue = () => send('IssuePartsToRepairOrder', { repairOrderId: 'ro-1', partNumber: filter.partNumber, quantity: 2, bin: 'A-1' });
    const outcomes = await Promise.allSettled([issue(), issue()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { reason: 'INSUFFICIENT_STOCK' } });
    expect(await stockOf(store)).toMatchObject({ onHand: 1 });
  });

  it('re-validate data against the contract (negative counts, unknown kinds) and append nothing', async () => {
    const { store, send } = setup();
    await expect(send('CountStock', { partNumber: filter.partNumber, bin: 'A-1', counted: -3, reason: 'lost' })).rejects.toBeInstanceOf(ValidationError);
    await expect(send('RegisterPart', { ...filter, kind: 'tyre' }, manager)).rejects.toBeInstanceOf(ValidationError);
    expect((await store.readStream(streams.part(filter.partNumber))).streamVersion).toBe(0);
  });

  it('receive a shipment from a sister store once, whatever the command id', async () => {
    const { store, send } = setup();
    const shipped = {
      ...filter,
      bin: 'A-1',
      quantity: 2,
      cost: cny(6_000),
      onHand: 0,
      binOnHand: 0,
      stockValue: cny(0),
      transferId: 't-1',
      toStoreId: STORE,
      price: cny(5_000),
      shippedBy: 'c-2',
    };
    const delivered = {
      eventId: 'ev-1',
      storeId: 'store-2',
      correlationId: 'corr-1',
      occurredAt: '2026-03-02T10:00:00+08:00',
      data: p.PartsTransferShipped.schema.parse(shipped),
    } as never;
    const command = reactionCommand('parts', transferReceived, delivered, STORE)!;
    expect(command).toMatchObject({ commandId: 'transfer-received:store-2:t-1', actor: { id: 'parts-reactions' } });
    expect(reactionCommand('parts', transferReceived, delivered, 'store-3')).toBeUndefined();
    await send('ReceiveTransferredParts', command.data as unknown as Record<string, unknown>, command.actor);
    const again = await send('ReceiveTransferredParts', command.data as unknown as Record<string, unknown>, command.actor);
    expect(again.events).toEqual([]);
    expect((await store.readStream(streams.part(filter.partNumber))).events.map((e) => e.type)).toEqual(['PartRegistered', 'PartsTransferReceived']);
    expect(await stockOf(store)).toMatchObject({ onHand: 2 });
  });
});
