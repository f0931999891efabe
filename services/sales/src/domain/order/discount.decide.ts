import { event, sales } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound } from '@rooftop/eventsourcing';
import { type SalesSettings } from '../settings.js';
import { liveLead, unsignedOrder } from './order.guards.js';
import { type ApproveDiscount, type OrderEvent, type RejectDiscount, type RequestDiscount } from './order.messages.js';
import { type DiscountRequest, type Order } from './order.state.js';

type Decision = readonly OrderEvent[] | DomainError;

export const decideRequestDiscount = (command: RequestDiscount, state: Order, settings: SalesSettings): Decision => {
  const d = command.data;
  const order = unsignedOrder(state, d.orderId, d.leadId);
  if (order instanceof DomainError) return order;
  const lead = liveLead(command.lead, d.leadId, command.storeId);
  if (lead instanceof DomainError) return lead;
  const discount = d.listPrice.amount - d.requestedPrice.amount;
  if (discount <= 0) return new DomainError('DISCOUNT_NOT_BELOW_LIST_PRICE', 'the requested price must be below the list price', { orderId: d.orderId });
  if (discount <= settings.consultantDiscountAuthority) {
    return new DomainError('DISCOUNT_WITHIN_AUTHORITY', 'the consultant may give this discount without approval', {
      discount,
      authority: settings.consultantDiscountAuthority,
    });
  }
  const requests = order.status === 'negotiating' ? order.requests : [];
  if (requests.some((r) => r.requestId === d.requestId)) {
    return invalidTransition('DISCOUNT_REQUEST_EXISTS', `discount request ${d.requestId} already exists`, { requestId: d.requestId });
  }
  const pending = requests.find((r) => r.status === 'pending');
  if (pending) {
    return invalidTransition('DISCOUNT_REQUEST_PENDING', `discount request ${pending.requestId} is still waiting for a manager`, {
      requestId: pending.requestId,
    });
  }
  return [event(sales.DiscountRequested, { ...d, discount: { amount: discount, currency: d.listPrice.currency } })];
};

/** The pending request a manager decides on; the requester never decides their own request. */
const pendingRequest = (command: ApproveDiscount | RejectDiscount, state: Order): DiscountRequest | DomainError => {
  const { orderId, requestId } = command.data;
  if (state.status === 'none') return notFound('ORDER_NOT_FOUND', `order ${orderId} does not exist`, { orderId });
  if (state.status === 'cancelled') return invalidTransition('ORDER_CANCELLED', `order ${orderId} was cancelled`, { orderId });
  if (state.status !== 'negotiating') return invalidTransition('ORDER_ALREADY_SIGNED', `order ${orderId} is already signed`, { orderId });
  const request = state.requests.find((r) => r.requestId === requestId);
  if (!request) return notFound('DISCOUNT_REQUEST_NOT_FOUND', `order ${orderId} has no discount request ${requestId}`, { orderId, requestId });
  if (request.status !== 'pending')
    return invalidTransition('DISCOUNT_REQUEST_NOT_PENDING', `discount request ${requestId} was already ${request.status}`, { requestId });
  if (command.actor.id === request.consultantId) {
    return new DomainError('SELF_APPROVAL', 'a consultant cannot decide on their own discount request', { requestId }, 'FORBIDDEN');
  }
  return request;
};

export const decideApproveDiscount = (command: ApproveDiscount, state: Order): Decision => {
  const request = pendingRequest(command, state);
  if (request instanceof DomainError) return request;
  const d = command.data;
  if (d.approvedDiscount.amount > request.discount) {
    return new DomainError('APPROVAL_EXCEEDS_REQUEST', 'a manager approves at most the discount requested', { requested: request.discount });
  }
  return [event(sales.DiscountApproved, { ...d, approvedBy: command.actor.id })];
};

export const decideRejectDiscount = (command: RejectDiscount, state: Order): Decision => {
  const request = pendingRequest(command, state);
  if (request instanceof DomainError) return request;
  return [event(sales.DiscountRejected, { ...command.data, rejectedBy: command.actor.id })];
};
