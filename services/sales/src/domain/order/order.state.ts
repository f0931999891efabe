import { type OrderSigned } from './order.messages.js';

export interface DiscountRequest {
  readonly requestId: string;
  readonly consultantId: string;
  /** listPrice − requestedPrice, fen. */
  readonly discount: number;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly approvedDiscount?: number;
}

export interface NoOrder {
  readonly status: 'none';
}

/** Discount talks before a contract: the stream exists, nothing is signed yet. */
export interface NegotiatingOrder {
  readonly status: 'negotiating';
  readonly orderId: string;
  readonly leadId: string;
  readonly requests: readonly DiscountRequest[];
}

/** A signed contract and what became of it. Settlement and delivery are independent facts. */
export interface SignedOrder {
  readonly status: 'signed' | 'cancelled' | 'delivered';
  readonly orderId: string;
  readonly leadId: string;
  readonly requests: readonly DiscountRequest[];
  readonly terms: OrderSigned['data'];
  readonly settled: boolean;
}

export type Order = NoOrder | NegotiatingOrder | SignedOrder;

export const initialOrder = (): Order => ({ status: 'none' });
