import { type EventContract, type EventData, parseWith, parts as p } from '@rooftop/contracts';
import { streamName, uuidv7 } from '@rooftop/eventsourcing';
import { type BuiltEvent } from './sales-events.js';

// Builders of contract-valid parts events for tests of read models. The caller states every amount (the
// stock after each move included), so a scenario's figures are worked out by hand, not by this code.

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

export interface PartsEventsOptions {
  readonly storeId: string;
  readonly groupId?: string;
}

type Part = { partNumber: string; kind: p.PartKind; brand: string };
/** A movement as the test states it: units, their cost, the stock after (all bins in one bin here). */
type Move = { bin?: string; quantity: number; cost: number; onHand: number; stockValue: number };

export const partsEvents = (options: PartsEventsOptions) => {
  const build = <C extends EventContract>(contract: C, id: string, data: EventData<C>, at: string, aggregate = 'part'): BuiltEvent => ({
    streamId: streamName('parts', aggregate, id),
    event: {
      eventId: uuidv7(),
      type: contract.type,
      schemaVersion: contract.schemaVersion,
      data: parseWith(contract.schema, data, contract.type),
      metadata: {
        storeId: options.storeId,
        groupId: options.groupId ?? 'group-test',
        commandId: uuidv7(),
        correlationId: uuidv7(),
        causationId: uuidv7(),
        actor: { kind: 'user', id: 'clerk-1' },
        occurredAt: at,
      },
    },
  });
  const fields = (part: Part, m: Move) => ({
    ...part,
    bin: m.bin ?? 'A-1',
    quantity: m.quantity,
    cost: cny(m.cost),
    onHand: m.onHand,
    binOnHand: m.onHand,
    stockValue: cny(m.stockValue),
  });
  return {
    registered: (part: Part & { name: string; cost: number; price: number; reorderPoint: number }, at: string) =>
      build(p.PartRegistered, part.partNumber, { ...part, cost: cny(part.cost), price: cny(part.price) }, at),
    received: (part: Part, m: Move, purchaseOrderId: string, at: string) =>
      build(p.PartsReceived, part.partNumber, { ...fields(part, m), purchaseOrderId }, at),
    issued: (part: Part, m: Move, repairOrderId: string, amount: number, at: string) =>
      build(p.PartsIssuedToRepairOrder, part.partNumber, { ...fields(part, m), repairOrderId, amount: cny(amount), issuedBy: 'clerk-1' }, at),
    returned: (part: Part, m: Move, repairOrderId: string, amount: number, at: string) =>
      build(p.PartsReturnedFromRepairOrder, part.partNumber, { ...fields(part, m), repairOrderId, amount: cny(amount), returnedBy: 'clerk-1' }, at),
    soldOverCounter: (part: Part, m: Move, saleId: string, amount: number, at: string) =>
      build(p.PartsSoldOverCounter, part.partNumber, { ...fields(part, m), saleId, amount: cny(amount), soldBy: 'clerk-1' }, at),
    accessorySold: (part: Part, m: Move, saleId: string, amount: number, discount: number, at: string) =>
      build(
        p.AccessorySold,
        part.partNumber,
        { ...fields(part, m), saleId, amount: cny(amount), discount: cny(discount), net: cny(amount - discount), soldBy: 'acc-1' },
        at,
      ),
    counted: (part: Part, c: { bin?: string; counted: number; adjustment: number; costDelta: number; onHand: number; stockValue: number }, at: string) =>
      build(
        p.StockCounted,
        part.partNumber,
        {
          ...part,
          bin: c.bin ?? 'A-1',
          counted: c.counted,
          adjustment: c.adjustment,
          costDelta: c.costDelta,
          onHand: c.onHand,
          binOnHand: c.counted,
          stockValue: cny(c.stockValue),
          reason: 'damaged',
          countedBy: 'clerk-1',
        },
        at,
      ),
    shipped: (part: Part & { name: string; price: number }, m: Move, transferId: string, toStoreId: string, at: string) => {
      const { name, price, ...rest } = part;
      return build(p.PartsTransferShipped, part.partNumber, { ...fields(rest, m), transferId, toStoreId, name, price: cny(price), shippedBy: 'clerk-1' }, at);
    },
    demandUnmet: (partNumber: string, quantity: number, at: string, part?: Part) =>
      build(p.PartDemandUnmet, partNumber, { partNumber, quantity, ...(part ? { kind: part.kind, brand: part.brand } : {}), recordedBy: 'sa-1' }, at),
  };
};
