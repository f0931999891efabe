import { type workshop as w } from '@rooftop/contracts';
import { type CommandOf, type EventOf } from '../messages.js';

export type RepairOrderEvent =
  | EventOf<typeof w.RepairOrderOpened>
  | EventOf<typeof w.EstimateAgreed>
  | EventOf<typeof w.JobDispatched>
  | EventOf<typeof w.ProgressReported>
  | EventOf<typeof w.WorkCompleted>
  | EventOf<typeof w.QualityChecked>
  | EventOf<typeof w.VehicleWashed>
  | EventOf<typeof w.RepairOrderInvoiced>
  | EventOf<typeof w.VehicleReleased>;

export type RepairOrderCommand =
  | CommandOf<typeof w.OpenRepairOrder>
  | CommandOf<typeof w.AgreeEstimate>
  | CommandOf<typeof w.DispatchJob>
  | CommandOf<typeof w.ReportProgress>
  | CommandOf<typeof w.CompleteWork>
  | CommandOf<typeof w.RecordQualityCheck>
  | CommandOf<typeof w.RecordVehicleWash>
  | CommandOf<typeof w.InvoiceRepairOrder>
  | CommandOf<typeof w.ReleaseVehicle>;

export type RepairOrderStatus = 'opened' | 'estimate_agreed' | 'dispatched' | 'work_completed' | 'quality_checked' | 'washed' | 'invoiced' | 'released';

type Opened = EventOf<typeof w.RepairOrderOpened>['data'];
type TechnicianHours = EventOf<typeof w.WorkCompleted>['data']['technicians'];

export type RepairOrder =
  | { readonly status: 'none' }
  | (Opened & {
      readonly status: RepairOrderStatus;
      readonly technicianIds: readonly string[];
      readonly technicians: TechnicianHours | undefined;
    });

export const initialRepairOrder = (): RepairOrder => ({ status: 'none' });

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
  }
};
