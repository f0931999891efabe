import { type Command, type Decider, DomainError } from '@rooftop/eventsourcing';

// A minimal aggregate for kernel tests: a counter with a ceiling.
export type CounterCommand = Command<'Increment', { by: number; counterId: string }>;
export type CounterEvent = { type: 'Incremented'; data: { by: number } };
export interface CounterState {
  total: number;
}

export const counterDecider: Decider<CounterCommand, CounterState, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.by }),
  decide: (command, state) => {
    if (command.data.by <= 0) return new DomainError('NON_POSITIVE_INCREMENT', 'increment must be positive');
    if (state.total + command.data.by > 100) return new DomainError('CEILING_REACHED', 'counter may not exceed 100');
    return [{ type: 'Incremented', data: { by: command.data.by } }];
  },
};

export const increment = (commandId: string, by: number, counterId = 'c1'): CounterCommand => ({
  commandId,
  type: 'Increment',
  storeId: 'store-1',
  actor: { kind: 'user', id: 'u1', roles: ['admin'] },
  data: { by, counterId },
  metadata: { now: '2026-11-23T10:00:00+08:00', correlationId: `corr-${commandId}` },
});
