import { type CommandUnion, event, type EventUnion, parts as p } from '@rooftop/contracts';
import { type Decider, DomainError, invalidTransition } from '@rooftop/eventsourcing';

export type PurchaseOrderCommand = CommandUnion<typeof p.purchaseOrderCommands>;
export type PurchaseOrderEvent = EventUnion<typeof p.purchaseOrderEvents>;

type Line = PurchaseOrderEvent['data']['lines'][number];

/** A purchase order's lines never change once placed; receipts live on each part's stream. */
export type PurchaseOrder = { readonly status: 'none' } | { readonly status: 'placed'; readonly lines: readonly Line[] };

export const purchaseOrderDecider: Decider<PurchaseOrderCommand, PurchaseOrder, PurchaseOrderEvent> = {
  decide: (c, s) => {
    if (s.status !== 'none') return invalidTransition('PURCHASE_ORDER_EXISTS', `purchase order ${c.data.purchaseOrderId} was already placed`);
    const parts = c.data.lines.map((l) => l.partNumber);
    if (new Set(parts).size !== parts.length)
      return new DomainError('DUPLICATE_LINE', 'each part number appears on one line only', undefined, 'VALIDATION_FAILED');
    const total = c.data.lines.reduce((sum, l) => sum + l.quantity * l.unitCost.amount, 0);
    return [event(p.PurchaseOrderPlaced, { ...c.data, total: { amount: total, currency: 'CNY' } })];
  },
  evolve: (_s, e) => ({ status: 'placed', lines: e.data.lines }),
  initialState: () => ({ status: 'none' }),
};

/** The ordered line for a part, if the order has one. */
export const lineFor = (po: PurchaseOrder, partNumber: string): { quantity: number; unitCost: number } | undefined => {
  if (po.status === 'none') return undefined;
  const line = po.lines.find((l) => l.partNumber === partNumber);
  return line ? { quantity: line.quantity, unitCost: line.unitCost.amount } : undefined;
};
