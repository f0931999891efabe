import { type CommandUnion, type EventOf, type EventUnion, type workshop as w } from '@rooftop/contracts';

export type RepairOrderEvent = EventUnion<typeof w.repairOrderEvents>;

export type RepairOrderCommand = CommandUnion<typeof w.repairOrderCommands>;

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
