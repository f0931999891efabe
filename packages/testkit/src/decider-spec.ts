import { deepStrictEqual } from 'node:assert/strict';
import { type Decider, DomainError, type DomainEvent, fold } from '@rooftop/eventsourcing';

export interface DeciderThen<TEvent> {
  /** The decision is exactly these events. */
  thenEvents(expected: readonly TEvent[]): void;
  /** The decision is a DomainError with this rule reason (and, optionally, this error code). */
  thenError(reason: string, code?: string): DomainError;
}

/**
 * given(events) / when(command) / then(events | error) for a decider, with no I/O.
 *
 *   deciderSpec(leadDecider).given([captured]).when(assign).thenEvents([assigned]);
 */
export const deciderSpec = <TCommand, TState, TEvent extends DomainEvent>(decider: Decider<TCommand, TState, TEvent>) => ({
  given: (events: readonly TEvent[]) => ({
    when: (command: TCommand): DeciderThen<TEvent> => {
      const decision = decider.decide(command, fold(decider, events));
      return {
        thenEvents(expected) {
          if (decision instanceof DomainError) {
            throw new Error(`expected events, got DomainError ${decision.reason}: ${decision.message}`);
          }
          deepStrictEqual(decision, expected);
        },
        thenError(reason, code) {
          if (!(decision instanceof DomainError)) {
            throw new Error(`expected DomainError ${reason}, got events ${JSON.stringify(decision)}`);
          }
          if (decision.reason !== reason) throw new Error(`expected reason ${reason}, got ${decision.reason}: ${decision.message}`);
          if (code !== undefined && decision.code !== code) throw new Error(`expected code ${code}, got ${decision.code}`);
          return decision;
        },
      };
    },
  }),
});
