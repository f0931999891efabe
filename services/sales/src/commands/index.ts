import { type SalesHandlerDeps } from './deps.js';
import { leadHandlers } from './lead.handlers.js';
import { orderHandlers } from './order.handlers.js';
import { targetHandlers } from './target.handlers.js';

export { type SalesHandlerDeps } from './deps.js';
export { leadStream, orderStream, targetStream } from './streams.js';

/** Every sales command type → its handler. */
export const salesCommandHandlers = (deps: SalesHandlerDeps) => ({
  ...leadHandlers(deps),
  ...orderHandlers(deps),
  ...targetHandlers(deps),
});

export type SalesCommandHandlers = ReturnType<typeof salesCommandHandlers>;
