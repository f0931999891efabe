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
