import { type CommandOf, type CommandUnion, type EventOf, type EventUnion, type sales } from '@rooftop/contracts';
import { type LeadChannel } from '../lead/lead.state.js';

/**
 * What an order needs to know about its lead, loaded by the command handler from the lead stream before the
 * decision (cross-aggregate facts come in with the command, so the decider stays pure).
 */
export type LeadSnapshot =
  { readonly status: 'none' } | { readonly status: 'open' | 'lost'; readonly storeId: string; readonly customerId: string; readonly channel: LeadChannel };

type WithLead<C> = C & { readonly lead: LeadSnapshot };

export type RequestDiscount = WithLead<CommandOf<typeof sales.RequestDiscount>>;
export type SignOrder = WithLead<CommandOf<typeof sales.SignOrder>>;
export type ApproveDiscount = CommandOf<typeof sales.ApproveDiscount>;
export type RejectDiscount = CommandOf<typeof sales.RejectDiscount>;
export type CancelOrder = CommandOf<typeof sales.CancelOrder>;
export type SettleOrder = CommandOf<typeof sales.SettleOrder>;
export type DeliverVehicle = CommandOf<typeof sales.DeliverVehicle>;

/** Every order command of the contracts; the two that open or sign an order carry their lead. */
export type OrderCommand = Exclude<CommandUnion<typeof sales.orderCommands>, { type: 'RequestDiscount' | 'SignOrder' }> | RequestDiscount | SignOrder;

export type DiscountRequested = EventOf<typeof sales.DiscountRequested>;
export type DiscountApproved = EventOf<typeof sales.DiscountApproved>;
export type DiscountRejected = EventOf<typeof sales.DiscountRejected>;
export type OrderSigned = EventOf<typeof sales.OrderSigned>;
export type OrderCancelled = EventOf<typeof sales.OrderCancelled>;
export type OrderSettled = EventOf<typeof sales.OrderSettled>;
export type VehicleDelivered = EventOf<typeof sales.VehicleDelivered>;

export type OrderEvent = EventUnion<typeof sales.orderEvents>;
