import { type Decider } from '@rooftop/eventsourcing';
import { DEFAULT_SALES_SETTINGS, type SalesSettings } from '../settings.js';
import { decideSalesTarget } from './target.decide.js';
import { evolveSalesTarget } from './target.evolve.js';
import { type SalesTargetCommand, type SalesTargetEvent } from './target.messages.js';
import { initialSalesTarget, type SalesTarget } from './target.state.js';

/** A monthly target of the store, a team or a consultant. Stream `sales-target-<level>[-<id>]-<YYYY-MM>`. */
export const salesTargetDecider = (settings: SalesSettings = DEFAULT_SALES_SETTINGS): Decider<SalesTargetCommand, SalesTarget, SalesTargetEvent> => ({
  decide: decideSalesTarget(settings),
  evolve: evolveSalesTarget,
  initialState: initialSalesTarget,
});
