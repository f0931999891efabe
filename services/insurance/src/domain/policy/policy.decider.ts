import { type Decider } from '@rooftop/eventsourcing';
import { decidePolicy } from './policy.decide.js';
import { evolvePolicy } from './policy.evolve.js';
import { type Policy, type PolicyCommand, type PolicyEvent } from './policy.state.js';

export * from './policy.state.js';

export const policyDecider = (timeZone: string): Decider<PolicyCommand, Policy, PolicyEvent> => ({
  decide: decidePolicy(timeZone),
  evolve: evolvePolicy,
  initialState: () => ({ status: 'none' }),
});
