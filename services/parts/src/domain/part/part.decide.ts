import { event, parts as p } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { type PartsSettings } from '../settings.js';
import { type Part, type PartCommand, type PartEvent, type RegisteredPart } from './part.state.js';
import { cny, putIn, takeOut, unitCostForGains } from './stock.js';

/** What the handler loads from elsewhere before deciding (the decider itself stays pure). */
export interface PartContext {
  readonly settings: PartsSettings;
  /** ReceiveParts: the purchase order line for this part (`undefined` = no such PO or line). */
  readonly purchaseLine?: { readonly quantity: number; readonly unitCost: number } | undefined;
  /** Issue/return: the repair order's status as the workshop last published it (`undefined` = not known). */
  readonly repairOrder?: 'open' | 'closed' | undefined;
}

type Decision = PartEvent[] | DomainError;
type Cmd<T extends PartCommand['type']> = Extract<PartCommand, { type: T }>;

const APPROVERS: readonly string[] = p.DISCOUNT_APPROVER_ROLES;

const checkRepairOrder = (ctx: PartContext, repairOrderId: string): DomainError | undefined => {
  if (ctx.repairOrder === undefined) return notFound('REPAIR_ORDER_NOT_FOUND', `repair order ${repairOrderId} is not known to parts (yet)`, { repairOrderId });
  if (ctx.repairOrder === 'closed')
    return invalidTransition('REPAIR_ORDER_CLOSED', `repair order ${repairOrderId} is invoiced or released; parts can no longer move on it`, { repairOrderId });
  return undefined;
};

const register = (c: Cmd<'RegisterPart'>, s: Part): Decision =>
  s.status !== 'none' ? invalidTransition('PART_EXISTS', `part ${c.data.partNumber} is already in the part master`) : [event(p.PartRegistered, c.data)];

const receive = (c: Cmd<'ReceiveParts'>, s: RegisteredPart, ctx: PartContext): Decision => {
  const { purchaseOrderId, quantity, bin } = c.data;
  if (!ctx.purchaseLine) return notFound('PURCHASE_LINE_NOT_FOUND', `purchase order ${purchaseOrderId} has no line for ${s.partNumber}`, { purchaseOrderId });
  const open = ctx.purchaseLine.quantity - (s.receivedByPurchaseOrder[purchaseOrderId] ?? 0);
  if (quantity > open)
    return new DomainError('RECEIPT_EXCEEDS_ORDER', `only ${open} of ${s.partNumber} are still due on ${purchaseOrderId}`, { open, quantity });
  return [event(p.PartsReceived, { ...putIn(s, bin, quantity, quantity * ctx.purchaseLine.unitCost), purchaseOrderId })];
};

const issue = (c: Cmd<'IssuePartsToRepairOrder'>, s: RegisteredPart, ctx: PartContext): Decision => {
  const wrong = checkRepairOrder(ctx, c.data.repairOrderId);
  if (wrong) return wrong;
  const out = takeOut(s, c.data.bin, c.data.quantity);
  if (out instanceof DomainError) return out;
  return [event(p.PartsIssuedToRepairOrder, { ...out, repairOrderId: c.data.repairOrderId, amount: cny(s.price * c.data.quantity), issuedBy: c.actor.id })];
};

const giveBack = (c: Cmd<'ReturnPartsFromRepairOrder'>, s: RegisteredPart, ctx: PartContext): Decision => {
  const { repairOrderId, quantity, bin } = c.data;
  const wrong = checkRepairOrder(ctx, repairOrderId);
  if (wrong) return wrong;
  const out = s.issuedToRepairOrders[repairOrderId];
  if (!out || quantity > out.quantity) {
    return new DomainError('RETURN_EXCEEDS_ISSUED', `${out?.quantity ?? 0} of ${s.partNumber} are out on ${repairOrderId}, ${quantity} returned`, {
      issued: out?.quantity ?? 0,
    });
  }
  const share = (total: number) => (quantity === out.quantity ? total : Math.round((total * quantity) / out.quantity));
  return [
    event(p.PartsReturnedFromRepairOrder, {
      ...putIn(s, bin, quantity, share(out.cost)),
      repairOrderId,
      amount: cny(share(out.amount)),
      returnedBy: c.actor.id,
    }),
  ];
};

const sellAccessory = (c: Cmd<'SellAccessory'>, s: RegisteredPart, ctx: PartContext): Decision => {
  if (s.kind === 'genuine') return new DomainError('NOT_AN_ACCESSORY', `${s.partNumber} is a genuine part; sell it over the counter`);
  const amount = s.price * c.data.quantity;
  const discount = c.data.discount.amount;
  if (discount > amount)
    return new DomainError('DISCOUNT_EXCEEDS_AMOUNT', `discount ${discount} fen exceeds the sale amount ${amount} fen`, undefined, 'VALIDATION_FAILED');
  const aboveAuthority = discount * 10_000 > amount * ctx.settings.accessoryDiscountAuthorityBps;
  const approver = (c.actor.roles ?? []).some((role) => APPROVERS.includes(role));
  if (aboveAuthority && !approver) {
    return new DomainError(
      'DISCOUNT_ABOVE_AUTHORITY',
      `a discount above ${ctx.settings.accessoryDiscountAuthorityBps / 100} % needs a manager's approval (sent by the parts, service or general manager)`,
      { authorityBps: ctx.settings.accessoryDiscountAuthorityBps },
      'FORBIDDEN',
    );
  }
  const out = takeOut(s, c.data.bin, c.data.quantity);
  if (out instanceof DomainError) return out;
  return [
    event(p.AccessorySold, {
      ...out,
      saleId: c.data.saleId,
      amount: cny(amount),
      discount: cny(discount),
      net: cny(amount - discount),
      soldBy: c.actor.id,
      ...(aboveAuthority ? { approvedBy: c.actor.id } : {}),
    }),
  ];
};

const count = (c: Cmd<'CountStock'>, s: RegisteredPart): Decision => {
  const { bin, counted, reason, note } = c.data;
  const held = s.bins[bin] ?? 0;
  const adjustment = counted - held;
  let costDelta = 0;
  if (adjustment < 0) {
    const out = takeOut(s, bin, -adjustment);
    if (out instanceof DomainError) return out;
    costDelta = -out.cost.amount;
  } else if (adjustment > 0) {
    costDelta = adjustment * unitCostForGains(s);
  }
  return [
    event(p.StockCounted, {
      partNumber: s.partNumber,
      kind: s.kind,
      brand: s.brand,
      bin,
      counted,
      adjustment,
      costDelta,
      onHand: s.onHand + adjustment,
      binOnHand: counted,
      stockValue: cny(s.value + costDelta),
      reason,
      ...(note ? { note } : {}),
      countedBy: c.actor.id,
    }),
  ];
};

const ship = (c: Cmd<'TransferParts'>, s: RegisteredPart, ctx: PartContext): Decision => {
  const { transferId, toStoreId, bin, quantity } = c.data;
  if (toStoreId === c.storeId)
    return new DomainError('TRANSFER_TO_SAME_STORE', 'a transfer goes to another store of the group', undefined, 'VALIDATION_FAILED');
  if (!ctx.settings.groupStores.includes(toStoreId)) return notFound('UNKNOWN_STORE', `store ${toStoreId} is not a store of this group`, { toStoreId });
  if (s.transfersShipped.includes(transferId)) return invalidTransition('TRANSFER_EXISTS', `transfer ${transferId} was already shipped`);
  const out = takeOut(s, bin, quantity);
  if (out instanceof DomainError) return out;
  return [event(p.PartsTransferShipped, { ...out, transferId, toStoreId, name: s.name, price: cny(s.price), shippedBy: c.actor.id })];
};

/** Receiving is idempotent on the transfer id: a redelivered shipment decides nothing. */
const receiveTransfer = (c: Cmd<'ReceiveTransferredParts'>, s: Part): Decision => {
  const d = c.data;
  if (s.status === 'registered' && s.transfersReceived.includes(d.transferId)) return [];
  const registered = event(p.PartRegistered, {
    partNumber: d.partNumber,
    name: d.name,
    kind: d.kind,
    brand: d.brand,
    cost: d.unitCost,
    price: d.price,
    reorderPoint: 0,
  });
  const part: RegisteredPart =
    s.status === 'registered'
      ? s
      : {
          status: 'registered',
          ...registered.data,
          cost: d.unitCost.amount,
          price: d.price.amount,
          bins: {},
          onHand: 0,
          value: 0,
          receivedByPurchaseOrder: {},
          issuedToRepairOrders: {},
          transfersShipped: [],
          transfersReceived: [],
        };
  const received = event(p.PartsTransferReceived, { ...putIn(part, d.bin, d.quantity, d.cost.amount), transferId: d.transferId, fromStoreId: d.fromStoreId });
  return s.status === 'registered' ? [received] : [registered, received];
};

export const decidePart =
  (ctx: PartContext) =>
  (c: PartCommand, s: Part): Decision => {
    if (c.type === 'RegisterPart') return register(c, s);
    if (c.type === 'ReceiveTransferredParts') return receiveTransfer(c, s);
    if (c.type === 'RecordUnmetDemand') {
      const known = s.status === 'registered' ? { kind: s.kind, brand: s.brand } : {};
      const { partNumber, quantity, repairOrderId, note } = c.data;
      return [
        event(p.PartDemandUnmet, {
          partNumber,
          quantity,
          ...known,
          ...(repairOrderId ? { repairOrderId } : {}),
          ...(note ? { note } : {}),
          recordedBy: c.actor.id,
        }),
      ];
    }
    if (s.status === 'none') return notFound('PART_NOT_FOUND', `part ${c.data.partNumber} is not in the part master`, { partNumber: c.data.partNumber });
    switch (c.type) {
      case 'RepricePart':
        return [event(p.PartRepriced, c.data)];
      case 'ReceiveParts':
        return receive(c, s, ctx);
      case 'IssuePartsToRepairOrder':
        return issue(c, s, ctx);
      case 'ReturnPartsFromRepairOrder':
        return giveBack(c, s, ctx);
      case 'SellPartsOverCounter': {
        const out = takeOut(s, c.data.bin, c.data.quantity);
        if (out instanceof DomainError) return out;
        return [event(p.PartsSoldOverCounter, { ...out, saleId: c.data.saleId, amount: cny(s.price * c.data.quantity), soldBy: c.actor.id })];
      }
      case 'SellAccessory':
        return sellAccessory(c, s, ctx);
      case 'CountStock':
        return count(c, s);
      case 'TransferParts':
        return ship(c, s, ctx);
      default:
        return unreachable(c);
    }
  };
