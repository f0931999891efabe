import { type Decider } from '@rooftop/eventsourcing';
import { evolveRepairOrder } from './repair-order.evolve.js';
import { decideRepairOrder, type RepairOrderContext } from './repair-order.decide.js';
import { initialRepairOrder, type RepairOrder, type RepairOrderCommand, type RepairOrderEvent } from './repair-order.state.js';

export * from './repair-order.state.js';
export { evolveRepairOrder } from './repair-order.evolve.js';
export { type RepairOrderContext } from './repair-order.decide.js';

export const repairOrderDecider = (ctx: RepairOrderContext): Decider<RepairOrderCommand, RepairOrder, RepairOrderEvent> => ({
  decide: decideRepairOrder(ctx),
  evolve: evolveRepairOrder,
  initialState: initialRepairOrder,
});
