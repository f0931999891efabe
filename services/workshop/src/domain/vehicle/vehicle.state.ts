import { type workshop as w } from '@rooftop/contracts';
import { type CommandOf, type EventOf } from '../messages.js';

export type VehicleEvent =
  | EventOf<typeof w.VehicleRegistered>
  | EventOf<typeof w.ServiceVisitRecorded>
  | EventOf<typeof w.MaintenanceDueSet>
  | EventOf<typeof w.MaintenanceReminderDue>
  | EventOf<typeof w.CustomerClassified>;

export type VehicleCommand =
  | CommandOf<typeof w.RegisterVehicle>
  | CommandOf<typeof w.RecordServiceVisit>
  | CommandOf<typeof w.CheckMaintenanceReminder>
  | CommandOf<typeof w.CheckCustomerLapsed>;

export type CustomerClass = 'loyal' | 'general' | 'lost';

export interface RegisteredVehicle {
  readonly status: 'registered';
  readonly vin: string;
  readonly brand: string;
  readonly customerId: string;
  readonly contactConsent: boolean;
  readonly source: EventOf<typeof w.VehicleRegistered>['data']['source'];
  readonly sourceEventId: string | undefined;
  readonly visits: ReadonlyArray<{ readonly repairOrderId: string; readonly visitedOn: string }>;
  /** Last visit, or the delivery date before the first visit. */
  readonly lastVisitOn: string | undefined;
  readonly class: CustomerClass;
  readonly maintenanceDueOn: string | undefined;
  readonly maintenanceBasis: EventOf<typeof w.MaintenanceDueSet>['data']['basis'] | undefined;
  /** `<dueOn>:<kind>` of reminders already emitted. */
  readonly reminded: readonly string[];
}

export type Vehicle = { readonly status: 'none' } | RegisteredVehicle;

export const initialVehicle = (): Vehicle => ({ status: 'none' });
