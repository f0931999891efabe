import { unreachable } from '@rooftop/eventsourcing';
import { type Part, type PartEvent, type RegisteredPart } from './part.state.js';

type Moved = { readonly bin: string; readonly onHand: number; readonly binOnHand: number; readonly stockValue: { readonly amount: number } };

/** Stock events carry the stock after the move, so evolving only copies it. */
const moved = (state: RegisteredPart, e: Moved, patch: Partial<RegisteredPart> = {}): Part => ({
  ...state,
  ...patch,
  bins: { ...state.bins, [e.bin]: e.binOnHand },
  onHand: e.onHand,
  value: e.stockValue.amount,
});

export const evolvePart = (state: Part, event: PartEvent): Part => {
  if (event.type === 'PartRegistered') {
    const { cost, price, ...rest } = event.data;
    return {
      status: 'registered',
      ...rest,
      cost: cost.amount,
      price: price.amount,
      bins: {},
      onHand: 0,
      value: 0,
      receivedByPurchaseOrder: {},
      issuedToRepairOrders: {},
      transfersShipped: [],
      transfersReceived: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PartRepriced':
      return { ...state, cost: event.data.cost.amount, price: event.data.price.amount, reorderPoint: event.data.reorderPoint };
    case 'PartsReceived': {
      const po = event.data.purchaseOrderId;
      return moved(state, event.data, {
        receivedByPurchaseOrder: { ...state.receivedByPurchaseOrder, [po]: (state.receivedByPurchaseOrder[po] ?? 0) + event.data.quantity },
      });
    }
    case 'PartsIssuedToRepairOrder':
    case 'PartsReturnedFromRepairOrder': {
      const sign = event.type === 'PartsIssuedToRepairOrder' ? 1 : -1;
      const ro = event.data.repairOrderId;
      const was = state.issuedToRepairOrders[ro] ?? { quantity: 0, cost: 0, amount: 0 };
      const now = {
        quantity: was.quantity + sign * event.data.quantity,
        cost: was.cost + sign * event.data.cost.amount,
        amount: was.amount + sign * event.data.amount.amount,
      };
      return moved(state, event.data, { issuedToRepairOrders: { ...state.issuedToRepairOrders, [ro]: now } });
    }
    case 'PartsSoldOverCounter':
    case 'AccessorySold':
    case 'StockCounted':
      return moved(state, event.data);
    case 'PartsTransferShipped':
      return moved(state, event.data, { transfersShipped: [...state.transfersShipped, event.data.transferId] });
    case 'PartsTransferReceived':
      return moved(state, event.data, { transfersReceived: [...state.transfersReceived, event.data.transferId] });
    case 'PartDemandUnmet':
      return state;
    default:
      return unreachable(event);
  }
};
