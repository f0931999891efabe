import { type CommandUnion, type EventOf, type EventUnion, type workshop as w } from '@rooftop/contracts';

export type VehicleEvent = EventUnion<typeof w.vehicleEvents>;

export type VehicleCommand = CommandUnion<typeof w.vehicleCommands>;

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
