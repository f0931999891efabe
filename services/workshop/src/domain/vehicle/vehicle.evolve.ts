import { unreachable } from '@rooftop/eventsourcing';
import { type Vehicle, type VehicleEvent } from './vehicle.state.js';

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
    default:
      return unreachable(event);
  }
};
