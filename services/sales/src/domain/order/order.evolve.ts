import { unreachable } from '@rooftop/eventsourcing';
import { type OrderEvent } from './order.messages.js';
import { type DiscountRequest, type Order } from './order.state.js';

const updateRequest = (requests: readonly DiscountRequest[], requestId: string, change: Partial<DiscountRequest>): DiscountRequest[] =>
  requests.map((r) => (r.requestId === requestId ? { ...r, ...change } : r));

export const evolveOrder = (state: Order, event: OrderEvent): Order => {
  switch (event.type) {
    case 'DiscountRequested': {
      const d = event.data;
      const request: DiscountRequest = { requestId: d.requestId, consultantId: d.consultantId, discount: d.discount.amount, status: 'pending' };
      if (state.status === 'none') return { status: 'negotiating', orderId: d.orderId, leadId: d.leadId, requests: [request] };
      return { ...state, requests: [...state.requests, request] };
    }
    case 'DiscountApproved':
      if (state.status === 'none') return state;
      return {
        ...state,
        requests: updateRequest(state.requests, event.data.requestId, { status: 'approved', approvedDiscount: event.data.approvedDiscount.amount }),
      };
    case 'DiscountRejected':
      if (state.status === 'none') return state;
      return { ...state, requests: updateRequest(state.requests, event.data.requestId, { status: 'rejected' }) };
    case 'OrderSigned':
      return {
        status: 'signed',
        orderId: event.data.orderId,
        leadId: event.data.leadId,
        requests: state.status === 'none' ? [] : state.requests,
        terms: event.data,
        settled: false,
      };
    case 'OrderCancelled':
      return state.status === 'signed' ? { ...state, status: 'cancelled' } : state;
    case 'OrderSettled':
      return state.status === 'signed' || state.status === 'delivered' ? { ...state, settled: true } : state;
    case 'VehicleDelivered':
      return state.status === 'signed' ? { ...state, status: 'delivered' } : state;
    default:
      return unreachable(event);
  }
};
