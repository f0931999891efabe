import { type Decider } from '@rooftop/eventsourcing';
import { DEFAULT_SALES_SETTINGS, type SalesSettings } from '../settings.js';
import { decideLead } from './lead.decide.js';
import { evolveLead } from './lead.evolve.js';
import { type LeadCommand, type LeadEvent } from './lead.messages.js';
import { initialLead, type Lead } from './lead.state.js';

/** The lead (潜客, A卡) and the ownership of its customer. Stream `sales-lead-<leadId>`. */
export const leadDecider = (settings: SalesSettings = DEFAULT_SALES_SETTINGS): Decider<LeadCommand, Lead, LeadEvent> => ({
  decide: decideLead(settings),
  evolve: evolveLead,
  initialState: initialLead,
});
