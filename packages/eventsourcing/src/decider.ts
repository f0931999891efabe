import { type DomainError } from './errors.js';
import { type DomainEvent } from './events.js';

/**
 * One aggregate's logic, pure: `decide` answers a command with events or a DomainError (it never throws
 * for a business rule), `evolve` folds an event into state, `initialState` is the state of an empty stream.
 */
export interface Decider<TCommand, TState, TEvent extends DomainEvent> {
  decide(command: TCommand, state: TState): readonly TEvent[] | DomainError;
  evolve(state: TState, event: TEvent): TState;
  initialState(): TState;
}

export const fold = <TState, TEvent extends DomainEvent>(
  decider: Pick<Decider<unknown, TState, TEvent>, 'evolve' | 'initialState'>,
  events: Iterable<TEvent>,
): TState => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
