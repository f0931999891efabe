import { unreachable } from '@rooftop/eventsourcing';
import { type RepairOrder, type RepairOrderEvent, type RepairOrderStatus } from './repair-order.state.js';

const next = (state: RepairOrder, status: RepairOrderStatus, patch: Partial<Exclude<RepairOrder, { status: 'none' }>> = {}): RepairOrder =>
  state.status === 'none' ? state : { ...state, ...patch, status };

export const evolveRepairOrder = (state: RepairOrder, event: RepairOrderEvent): RepairOrder => {
  switch (event.type) {
    case 'RepairOrderOpened':
      return { ...event.data, status: 'opened', technicianIds: [], technicians: undefined };
    case 'EstimateAgreed':
      return next(state, 'estimate_agreed');
    case 'JobDispatched':
      return next(state, 'dispatched', { technicianIds: event.data.technicianIds });
    case 'ProgressReported':
      return state;
    case 'WorkCompleted':
      return next(state, 'work_completed', { technicians: event.data.technicians });
    case 'QualityChecked':
      // A failed check sends the job back to the technicians already dispatched.
      return next(state, event.data.passed ? 'quality_checked' : 'dispatched');
    case 'VehicleWashed':
      return next(state, 'washed');
    case 'RepairOrderInvoiced':
      return next(state, 'invoiced');
    case 'VehicleReleased':
      return next(state, 'released');
    default:
      return unreachable(event);
  }
};
