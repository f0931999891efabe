import { type Decider } from '@rooftop/eventsourcing';
import { decideRepairOrder, type RepairOrderContext } from './repair-order.decide.js';
import { evolveRepairOrder, initialRepairOrder, type RepairOrder, type RepairOrderCommand, type RepairOrderEvent } from './repair-order.state.js';

export * from './repair-order.state.js';
export { type RepairOrderContext } from './repair-order.decide.js';

export const repairOrderDecider = (ctx: RepairOrderContext): Decider<RepairOrderCommand, RepairOrder, RepairOrderEvent> => ({
  decide: decideRepairOrder(ctx),
  evolve: evolveRepairOrder,
  initialState: initialRepairOrder,
});
