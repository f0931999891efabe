import { type CommandHandler, commandHandler } from '@rooftop/eventsourcing';
import { salesTargetDecider } from '../domain/target/target.decider.js';
import { type SetSalesTarget, targetKey } from '../domain/target/target.messages.js';
import { handlerOptions, type SalesHandlerDeps } from './deps.js';
import { targetStream } from './streams.js';

/** Targets live on one stream per scope and month, e.g. `sales-target-consultant-emp-7-2025-03`. */
export const targetHandlers = (deps: SalesHandlerDeps): { readonly SetSalesTarget: CommandHandler<SetSalesTarget> } => ({
  SetSalesTarget: commandHandler(salesTargetDecider(deps.settings), {
    ...handlerOptions(deps),
    streamOf: (command: SetSalesTarget) => targetStream(targetKey(command.data.scope, command.data.month)),
  }),
});
