import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { command, settings, system, VIN } from '../../../test/builders.js';
import { vehicleDecider, type VehicleEvent } from './vehicle.decider.js';

const spec = deciderSpec(vehicleDecider(settings));
const owner = { customerId: 'cust-1', ownerName: '王芳', ownerPhone: '13800138000', contactConsent: true };
const registration = {
  vin: VIN,
  brand: '长安',
  model: 'CS75 PLUS',
  ...owner,
  deliveredOn: '2026-01-10',
  source: 'sales_delivery' as const,
  sourceEventId: 'evt-1',
};
const registered: VehicleEvent = { type: 'VehicleRegistered', data: registration };
const firstDue: VehicleEvent = { type: 'MaintenanceDueSet', data: { vin: VIN, customerId: 'cust-1', dueOn: '2026-04-10', basis: 'first_service' } };
const visit = (repairOrderId: string, visitedOn: string, roType: 'maintenance' | 'repair' = 'repair') => ({
  vin: VIN,
  repairOrderId,
  roType,
  brand: '长安',
  model: 'CS75 PLUS',
  customerId: 'cust-1',
  visitedOn,
  mileageKm: 5_000,
});
const visited = (repairOrderId: string, visitedOn: string, visitsInWindow: number, roType: 'maintenance' | 'repair' = 'repair'): VehicleEvent => ({
  type: 'ServiceVisitRecorded',
  data: { vin: VIN, customerId: 'cust-1', repairOrderId, roType, brand: '长安', visitedOn, mileageKm: 5_000, visitsInWindow },
});
const classified = (
  cls: 'loyal' | 'general' | 'lost',
  previous: 'loyal' | 'general' | 'lost',
  reason: 'visit_frequency' | 'no_visit' | 'returned',
  visitsInWindow: number,
  lastVisitOn: string,
): VehicleEvent => ({
  type: 'CustomerClassified',
  data: { vin: VIN, customerId: 'cust-1', brand: '长安', class: cls, previousClass: previous, reason, visitsInWindow, lastVisitOn },
});

describe('vehicle file decider', () => {
  it('registers a delivered vehicle with its first service due the set days after delivery', () => {
    spec
      .given([])
      .when(command('RegisterVehicle', registration, { actor: system }))
      .thenEvents([registered, firstDue]);
  });

  it('ignores a redelivered sales event and refuses a second registration', () => {
    spec.given([registered, firstDue]).when(command('RegisterVehicle', registration)).thenEvents([]);
    spec
      .given([registered, firstDue])
      .when(command('RegisterVehicle', { ...registration, sourceEventId: 'evt-2' }))
      .thenError('VEHICLE_ALREADY_REGISTERED');
  });

  it('opens a file at a first workshop visit and lets the front desk complete it later', () => {
    const walkIn: VehicleEvent = {
      type: 'VehicleRegistered',
      data: { vin: VIN, brand: '长安', model: 'CS75 PLUS', customerId: 'cust-1', contactConsent: false, source: 'workshop_visit' },
    };
    spec
      .given([])
      .when(command('RecordServiceVisit', visit('ro-1', '2026-03-02')))
      .thenEvents([walkIn, visited('ro-1', '2026-03-02', 1)]);
    const completion = { vin: VIN, brand: '长安', model: 'CS75 PLUS', ...owner, source: 'front_desk' as const };
    spec
      .given([walkIn])
      .when(command('RegisterVehicle', completion))
      .thenEvents([{ type: 'VehicleRegistered', data: completion }]);
    // A demonstrator serviced before it was sold: the delivery completes the file and starts the first-service clock.
    spec.given([walkIn]).when(command('RegisterVehicle', registration)).thenEvents([registered, firstDue]);
  });

  it('records each RO once and sets the next maintenance by interval or as advised', () => {
    spec
      .given([registered, firstDue, visited('ro-1', '2026-03-02', 1)])
      .when(command('RecordServiceVisit', visit('ro-1', '2026-03-02')))
      .thenEvents([]);
    spec
      .given([registered, firstDue])
      .when(command('RecordServiceVisit', visit('ro-1', '2026-04-08', 'maintenance')))
      .thenEvents([
        visited('ro-1', '2026-04-08', 1, 'maintenance'),
        { type: 'MaintenanceDueSet', data: { vin: VIN, customerId: 'cust-1', dueOn: '2026-10-05', basis: 'interval' } },
      ]);
    spec
      .given([registered, firstDue])
      .when(command('RecordServiceVisit', { ...visit('ro-1', '2026-04-08'), nextMaintenanceDueOn: '2026-09-01' }))
      .thenEvents([
        visited('ro-1', '2026-04-08', 1),
        { type: 'MaintenanceDueSet', data: { vin: VIN, customerId: 'cust-1', dueOn: '2026-09-01', basis: 'advised' } },
      ]);
  });

  it('classifies a customer loyal at the third visit within 12 months, not when the first is older', () => {
    const history = [registered, firstDue, visited('ro-1', '2025-04-01', 1), visited('ro-2', '2025-09-01', 2)];
    spec
      .given(history)
      .when(command('RecordServiceVisit', visit('ro-3', '2026-03-02')))
      .thenEvents([visited('ro-3', '2026-03-02', 3), classified('loyal', 'general', 'visit_frequency', 3, '2026-03-02')]);
    spec
      .given(history)
      .when(command('RecordServiceVisit', visit('ro-3', '2026-04-01')))
      .thenEvents([visited('ro-3', '2026-04-01', 2)]);
  });

  it('classifies a customer lost when the lapse timer finds no later visit, and back to general on return', () => {
    const lapse = command('CheckCustomerLapsed', { vin: VIN, lastVisitOn: '2026-01-10' }, { actor: system });
    const lost = classified('lost', 'general', 'no_visit', 0, '2026-01-10');
    spec.given([registered, firstDue]).when(lapse).thenEvents([lost]);
    spec
      .given([registered, firstDue, visited('ro-1', '2026-06-01', 1)])
      .when(lapse)
      .thenEvents([]);
    spec.given([registered, firstDue, lost]).when(lapse).thenEvents([]);
    spec
      .given([registered, firstDue, lost])
      .when(command('RecordServiceVisit', visit('ro-1', '2027-03-01')))
      .thenEvents([visited('ro-1', '2027-03-01', 1), classified('general', 'lost', 'returned', 1, '2027-03-01')]);
  });

  it('emits a reminder once, only for the current due date and only with contact consent', () => {
    const check = (dueOn: string, kind: 'advance' | 'due_date') => command('CheckMaintenanceReminder', { vin: VIN, dueOn, kind }, { actor: system });
    const reminder: VehicleEvent = {
      type: 'MaintenanceReminderDue',
      data: { vin: VIN, customerId: 'cust-1', brand: '长安', dueOn: '2026-04-10', kind: 'advance', firstService: true },
    };
    spec.given([registered, firstDue]).when(check('2026-04-10', 'advance')).thenEvents([reminder]);
    spec.given([registered, firstDue, reminder]).when(check('2026-04-10', 'advance')).thenEvents([]);
    spec.given([registered, firstDue]).when(check('2026-03-01', 'due_date')).thenEvents([]);
    const noConsent: VehicleEvent = { type: 'VehicleRegistered', data: { ...registration, contactConsent: false } };
    spec.given([noConsent, firstDue]).when(check('2026-04-10', 'due_date')).thenEvents([]);
    spec.given([]).when(check('2026-04-10', 'due_date')).thenError('VEHICLE_NOT_FOUND', 'NOT_FOUND');
  });
});
