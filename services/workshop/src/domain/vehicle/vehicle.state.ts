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

export const evolveVehicle = (state: Vehicle, event: VehicleEvent): Vehicle => {
  if (event.type === 'VehicleRegistered') {
    const d = event.data;
    const base = state.status === 'registered' ? state : undefined;
    return {
      status: 'registered',
      vin: d.vin,
      brand: d.brand,
      customerId: d.customerId,
      contactConsent: d.contactConsent,
      source: d.source,
      sourceEventId: d.sourceEventId,
      visits: base?.visits ?? [],
      lastVisitOn: base?.lastVisitOn ?? d.deliveredOn,
      class: base?.class ?? 'general',
      maintenanceDueOn: base?.maintenanceDueOn,
      maintenanceBasis: base?.maintenanceBasis,
      reminded: base?.reminded ?? [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ServiceVisitRecorded':
      return {
        ...state,
        visits: [...state.visits, { repairOrderId: event.data.repairOrderId, visitedOn: event.data.visitedOn }],
        lastVisitOn: event.data.visitedOn,
      };
    case 'MaintenanceDueSet':
      return { ...state, maintenanceDueOn: event.data.dueOn, maintenanceBasis: event.data.basis };
    case 'MaintenanceReminderDue':
      return { ...state, reminded: [...state.reminded, `${event.data.dueOn}:${event.data.kind}`] };
    case 'CustomerClassified':
      return { ...state, class: event.data.class };
  }
};
