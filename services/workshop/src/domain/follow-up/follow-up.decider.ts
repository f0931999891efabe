import { type Decider } from '@rooftop/eventsourcing';
import { type WorkshopSettings } from '../settings.js';
import { decideFollowUp } from './follow-up.decide.js';
import { evolveFollowUp, type FollowUp, type FollowUpCommand, type FollowUpEvent, initialFollowUp } from './follow-up.state.js';

export * from './follow-up.state.js';
export { callWindow } from './follow-up.decide.js';

export const followUpDecider = (settings: WorkshopSettings): Decider<FollowUpCommand, FollowUp, FollowUpEvent> => ({
  decide: decideFollowUp(settings),
  evolve: evolveFollowUp,
  initialState: initialFollowUp,
});
