import { DomainError, invalidTransition, notFound } from '@rooftop/eventsourcing';
import { type LeadSnapshot } from './order.messages.js';
import { type NegotiatingOrder, type NoOrder, type Order, type SignedOrder } from './order.state.js';

// Checks shared by several order commands. Each returns the narrowed state or the typed error.

/** The order exists and has a signed contract that is still alive (not cancelled). */
export const liveSignedOrder = (state: Order, orderId: string): SignedOrder | DomainError => {
  if (state.status === 'none') return notFound('ORDER_NOT_FOUND', `order ${orderId} does not exist`, { orderId });
  if (state.status === 'negotiating') return invalidTransition('ORDER_NOT_SIGNED', `order ${orderId} has not been signed`, { orderId });
  if (state.status === 'cancelled') return invalidTransition('ORDER_CANCELLED', `order ${orderId} was cancelled`, { orderId });
  return state;
};

/** Discounts are negotiated and contracts signed only before the order is signed. */
export const unsignedOrder = (state: Order, orderId: string, leadId: string): NoOrder | NegotiatingOrder | DomainError => {
  if (state.status === 'none') return state;
  if (state.status === 'negotiating') {
    if (state.leadId === leadId) return state;
    return new DomainError('ORDER_LEAD_MISMATCH', `order ${orderId} belongs to lead ${state.leadId}, not ${leadId}`, { orderId, leadId: state.leadId });
  }
  if (state.status === 'cancelled') return invalidTransition('ORDER_CANCELLED', `order ${orderId} was cancelled`, { orderId });
  return invalidTransition('ORDER_ALREADY_SIGNED', `order ${orderId} is already signed`, { orderId });
};

/** The lead exists in this store and is open. */
export const liveLead = (lead: LeadSnapshot, leadId: string, storeId: string): Exclude<LeadSnapshot, { status: 'none' }> | DomainError => {
  if (lead.status === 'none') return notFound('LEAD_NOT_FOUND', `lead ${leadId} does not exist`, { leadId });
  if (lead.storeId !== storeId) {
    return new DomainError('LEAD_OF_ANOTHER_STORE', `lead ${leadId} belongs to store ${lead.storeId}, not ${storeId}`, { leadId }, 'FORBIDDEN');
  }
  if (lead.status === 'lost') return invalidTransition('LEAD_LOST', `lead ${leadId} was lost`, { leadId });
  return lead;
};
