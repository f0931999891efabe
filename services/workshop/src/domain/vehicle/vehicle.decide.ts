import { event, workshop as w } from '@rooftop/contracts';
import { type DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { addDays, addMonths } from '../calendar/store-calendar.js';
import { type WorkshopSettings } from '../settings.js';
import { type CustomerClass, type RegisteredVehicle, type Vehicle, type VehicleCommand, type VehicleEvent } from './vehicle.state.js';

type Cmd<T extends VehicleCommand['type']> = Extract<VehicleCommand, { type: T }>;

const register = (command: Cmd<'RegisterVehicle'>, state: Vehicle, settings: WorkshopSettings): VehicleEvent[] | DomainError => {
  const d = command.data;
  if (state.status === 'registered') {
    // A redelivered sales event registers nothing twice; a file opened at a workshop visit may be completed.
    if (d.sourceEventId !== undefined && d.sourceEventId === state.sourceEventId) return [];
    if (state.source !== 'workshop_visit') return invalidTransition('VEHICLE_ALREADY_REGISTERED', `vehicle ${d.vin} already has a file`);
  }
  const events: VehicleEvent[] = [event(w.VehicleRegistered, d)];
  if (d.deliveredOn !== undefined && (state.status === 'none' || state.maintenanceDueOn === undefined)) {
    events.push(
      event(w.MaintenanceDueSet, {
        vin: d.vin,
        customerId: d.customerId,
        dueOn: addDays(d.deliveredOn, settings.reminders.firstServiceAfterDays),
        basis: 'first_service',
      }),
    );
  }
  return events;
};

const visitsInWindow = (visits: readonly string[], on: string, months: number): number => {
  const from = addMonths(on, -months);
  return visits.filter((v) => v > from && v <= on).length;
};

const recordVisit = (command: Cmd<'RecordServiceVisit'>, state: Vehicle, settings: WorkshopSettings): VehicleEvent[] => {
  const d = command.data;
  const events: VehicleEvent[] = [];
  let current: Pick<RegisteredVehicle, 'visits' | 'class'>;
  if (state.status === 'none') {
    events.push(
      event(w.VehicleRegistered, {
        vin: d.vin,
        ...(d.plate ? { plate: d.plate } : {}),
        brand: d.brand,
        model: d.model,
        customerId: d.customerId,
        contactConsent: false,
        source: 'workshop_visit',
      }),
    );
    current = { visits: [], class: 'general' };
  } else {
    if (state.visits.some((v) => v.repairOrderId === d.repairOrderId)) return [];
    current = state;
  }
  const count = visitsInWindow([...current.visits.map((v) => v.visitedOn), d.visitedOn], d.visitedOn, settings.customers.loyalWindowMonths);
  events.push(
    event(w.ServiceVisitRecorded, {
      vin: d.vin,
      customerId: d.customerId,
      repairOrderId: d.repairOrderId,
      roType: d.roType,
      brand: d.brand,
      visitedOn: d.visitedOn,
      mileageKm: d.mileageKm,
      visitsInWindow: count,
    }),
  );
  if (d.nextMaintenanceDueOn !== undefined) {
    events.push(event(w.MaintenanceDueSet, { vin: d.vin, customerId: d.customerId, dueOn: d.nextMaintenanceDueOn, basis: 'advised' }));
  } else if (d.roType === 'maintenance' || d.roType === 'first_service') {
    const dueOn = addDays(d.visitedOn, settings.reminders.maintenanceIntervalDays);
    events.push(event(w.MaintenanceDueSet, { vin: d.vin, customerId: d.customerId, dueOn, basis: 'interval' }));
  }
  const next: CustomerClass = count >= settings.customers.loyalVisits ? 'loyal' : current.class === 'lost' ? 'general' : current.class;
  if (next !== current.class) {
    events.push(
      event(w.CustomerClassified, {
        vin: d.vin,
        customerId: d.customerId,
        brand: d.brand,
        class: next,
        previousClass: current.class,
        reason: next === 'loyal' ? 'visit_frequency' : 'returned',
        visitsInWindow: count,
        lastVisitOn: d.visitedOn,
      }),
    );
  }
  return events;
};

export const decideVehicle =
  (settings: WorkshopSettings) =>
  (command: VehicleCommand, state: Vehicle): VehicleEvent[] | DomainError => {
    switch (command.type) {
      case 'RegisterVehicle':
        return register(command, state, settings);
      case 'RecordServiceVisit':
        return recordVisit(command, state, settings);
      case 'CheckMaintenanceReminder': {
        if (state.status === 'none') return notFound('VEHICLE_NOT_FOUND', `no vehicle file for ${command.data.vin}`);
        const { dueOn, kind } = command.data;
        // A later visit moved the due date (the timer is stale), the owner declined contact, or it was sent.
        if (state.maintenanceDueOn !== dueOn || !state.contactConsent || state.reminded.includes(`${dueOn}:${kind}`)) return [];
        return [
          event(w.MaintenanceReminderDue, {
            vin: state.vin,
            customerId: state.customerId,
            brand: state.brand,
            dueOn,
            kind,
            firstService: state.maintenanceBasis === 'first_service',
          }),
        ];
      }
      case 'CheckCustomerLapsed': {
        if (state.status === 'none') return notFound('VEHICLE_NOT_FOUND', `no vehicle file for ${command.data.vin}`);
        if (state.lastVisitOn !== command.data.lastVisitOn || state.class === 'lost') return [];
        return [
          event(w.CustomerClassified, {
            vin: state.vin,
            customerId: state.customerId,
            brand: state.brand,
            class: 'lost',
            previousClass: state.class,
            reason: 'no_visit',
            visitsInWindow: 0,
            lastVisitOn: state.lastVisitOn,
          }),
        ];
      }
      default:
        return unreachable(command);
    }
  };
