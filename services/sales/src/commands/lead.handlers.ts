import { type CommandHandler, commandHandler } from '@rooftop/eventsourcing';
import { leadDecider } from '../domain/lead/lead.decider.js';
import { type LeadCommand } from '../domain/lead/lead.messages.js';
import { handlerOptions, type SalesHandlerDeps } from './deps.js';
import { leadStream } from './streams.js';

type Handlers = { readonly [T in LeadCommand['type']]: CommandHandler<Extract<LeadCommand, { type: T }>> };

/** One kernel command handler per lead command, each on the lead's stream `sales-lead-<leadId>`. */
export const leadHandlers = (deps: SalesHandlerDeps): Handlers => {
  const decider = leadDecider(deps.settings);
  const handler = () =>
    commandHandler<LeadCommand, ReturnType<typeof decider.initialState>, Parameters<typeof decider.evolve>[1]>(decider, {
      ...handlerOptions(deps),
      streamOf: (command) => leadStream(command.data.leadId),
    });
  return {
    CaptureLead: handler(),
    AssignLead: handler(),
    RecordContact: handler(),
    RecordShowroomVisit: handler(),
    CompleteTestDrive: handler(),
    IssueQuotation: handler(),
    MarkLeadLost: handler(),
  };
};
