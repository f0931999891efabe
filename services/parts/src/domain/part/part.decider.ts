import { type Decider } from '@rooftop/eventsourcing';
import { type PartContext, decidePart } from './part.decide.js';
import { evolvePart } from './part.evolve.js';
import { type Part, type PartCommand, type PartEvent, initialPart } from './part.state.js';

export { type PartContext } from './part.decide.js';
export { type Part, type PartCommand, type PartEvent, type RegisteredPart } from './part.state.js';

/** A part in one store: master data, stock per bin at moving-average cost, and what is out on repair orders. */
export const partDecider = (ctx: PartContext): Decider<PartCommand, Part, PartEvent> => ({
  decide: decidePart(ctx),
  evolve: evolvePart,
  initialState: initialPart,
});
