import { type CommandHandler, commandHandler } from '@rooftop/eventsourcing';
import { orderDecider } from '../domain/order/order.decider.js';
import { type OrderCommand, type RequestDiscount, type SignOrder } from '../domain/order/order.messages.js';
import { handlerOptions, type SalesHandlerDeps } from './deps.js';
import { loadLeadSnapshot } from './lead-snapshot.js';
import { orderStream } from './streams.js';

type WithoutLead<C> = Omit<C, 'lead'>;
type OrderInput = Exclude<OrderCommand, RequestDiscount | SignOrder> | WithoutLead<RequestDiscount> | WithoutLead<SignOrder>;
type Handlers = { readonly [T in OrderCommand['type']]: CommandHandler<Extract<OrderInput, { type: T }>> };

/**
 * One kernel command handler per order command, on `sales-order-<orderId>`. Commands that open or sign an
 * order first read their lead, so the decider can refuse an unknown, lost or other store's lead.
 */
export const orderHandlers = (deps: SalesHandlerDeps): Handlers => {
  const decider = orderDecider(deps.settings);
  const handler = () => commandHandler(decider, { ...handlerOptions(deps), streamOf: (command: OrderCommand) => orderStream(command.data.orderId) });
  const withLead =
    <C extends WithoutLead<RequestDiscount> | WithoutLead<SignOrder>>(handle: CommandHandler<OrderCommand>): CommandHandler<C> =>
    async (command) =>
      handle({ ...command, lead: await loadLeadSnapshot(deps.store, command.data.leadId) } as OrderCommand);
  return {
    RequestDiscount: withLead(handler()),
    SignOrder: withLead(handler()),
    ApproveDiscount: handler(),
    RejectDiscount: handler(),
    CancelOrder: handler(),
    SettleOrder: handler(),
    DeliverVehicle: handler(),
  };
};
