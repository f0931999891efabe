import { type Decider } from '@rooftop/eventsourcing';
import { decideStaffing } from './staffing.decide.js';
import { evolveStaffing } from './staffing.evolve.js';
import { emptyStaffing, type Staffing, type StaffingCommand, type StaffingEvent } from './staffing.state.js';

export * from './staffing.state.js';

/** The store's staffing stream (hr-staffing-<store>): one version guards every seat, so two hires never overfill a position. */
export const staffingDecider: Decider<StaffingCommand, Staffing, StaffingEvent> = {
  decide: decideStaffing,
  evolve: evolveStaffing,
  initialState: emptyStaffing,
};
