import { type CommandUnion, event, type EventUnion, hr } from '@rooftop/contracts';
import { type Decider, DomainError } from '@rooftop/eventsourcing';
import { sameData } from '../same-data.js';

export type TrainingEvent = EventUnion<typeof hr.trainingEvents>;
export type TrainingCommand = CommandUnion<typeof hr.trainingCommands>;

/** A training session (hr-training-<session>): recorded once; recording the same session again changes nothing. */
export interface TrainingSession {
  readonly recorded?: TrainingEvent['data'];
}

const decide = (command: TrainingCommand, state: TrainingSession): TrainingEvent[] | DomainError => {
  const ids = command.data.attendees.map((a) => a.employeeId);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0)
    return new DomainError('ATTENDEE_LISTED_TWICE', `attendees listed more than once: ${[...new Set(twice)].join(', ')}`, { employeeIds: twice });
  if (state.recorded) {
    return sameData(state.recorded, command.data)
      ? []
      : new DomainError('SESSION_ALREADY_RECORDED', `training session ${command.data.sessionId} was recorded with other details`, {
          sessionId: command.data.sessionId,
        });
  }
  return [event(hr.TrainingSessionRecorded, command.data)];
};

export const trainingDecider: Decider<TrainingCommand, TrainingSession, TrainingEvent> = {
  decide,
  evolve: (_state, e) => ({ recorded: e.data }),
  initialState: () => ({}),
};
