import { type Decider } from '@rooftop/eventsourcing';
import { evolveFollowUp } from './follow-up.evolve.js';
import { type WorkshopSettings } from '../settings.js';
import { decideFollowUp } from './follow-up.decide.js';
import { type FollowUp, type FollowUpCommand, type FollowUpEvent, initialFollowUp } from './follow-up.state.js';

export * from './follow-up.state.js';
export { evolveFollowUp } from './follow-up.evolve.js';
export { callWindow } from './follow-up.decide.js';

export const followUpDecider = (settings: WorkshopSettings): Decider<FollowUpCommand, FollowUp, FollowUpEvent> => ({
  decide: decideFollowUp(settings),
  evolve: evolveFollowUp,
  initialState: initialFollowUp,
});
