import { type Decider } from '@rooftop/eventsourcing';
import { DEFAULT_SALES_SETTINGS, type SalesSettings } from '../settings.js';
import { decideOrder } from './order.decide.js';
import { evolveOrder } from './order.evolve.js';
import { type OrderCommand, type OrderEvent } from './order.messages.js';
import { initialOrder, type Order } from './order.state.js';

/** The vehicle order: discount approval, contract, cancellation, settlement, delivery. Stream `sales-order-<orderId>`. */
export const orderDecider = (settings: SalesSettings = DEFAULT_SALES_SETTINGS): Decider<OrderCommand, Order, OrderEvent> => ({
  decide: decideOrder(settings),
  evolve: evolveOrder,
  initialState: initialOrder,
});
