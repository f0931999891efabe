import { type HandlerMap, mergeRoutes, type sales } from '@rooftop/contracts';
import { type SalesHandlerDeps } from './deps.js';
import { leadHandlers } from './lead.handlers.js';
import { orderHandlers } from './order.handlers.js';
import { targetHandlers } from './target.handlers.js';

export { type SalesHandlerDeps } from './deps.js';
export { leadStream, orderStream, targetStream } from './streams.js';

/** Command type → handler, one per sales command contract. */
export type SalesCommandHandlers = HandlerMap<typeof sales.salesCommands>;

/**
 * Every sales command type → its handler. The transport has validated each command against its contract (sales
 * has no in-process callers), so the aggregates' handlers are served as they are, without `route`'s second parse.
 */
export const salesCommandHandlers = (deps: SalesHandlerDeps): SalesCommandHandlers =>
  mergeRoutes(leadHandlers(deps), orderHandlers(deps), targetHandlers(deps));
