import { type Actor } from '@rooftop/eventsourcing';
import { cny, commandBuilder } from '@rooftop/testkit';
import { DEFAULT_WORKSHOP_SETTINGS, type WorkshopSettings } from '../src/domain/settings.js';

export { cny };

// Small builders shared by the workshop's unit and integration tests.

export const STORE = 'store-1';
export const VIN = 'LS5A3DKE0NA123456';
export const OTHER_VIN = 'LS5A3DKE0NA654321';

export const advisor: Actor = { kind: 'user', id: 'sa-1', roles: ['service_advisor'] };
export const dispatcher: Actor = { kind: 'user', id: 'disp-1', roles: ['workshop_dispatcher'] };
export const technician: Actor = { kind: 'user', id: 'tech-1', roles: ['technician'] };
export const clerk: Actor = { kind: 'user', id: 'clerk-1', roles: ['follow_up_clerk'] };
export const system: Actor = { kind: 'system', id: 'workshop-timers', roles: ['system'] };

export const command = commandBuilder({ storeId: STORE, actor: advisor, now: '2026-03-02T10:00:00+08:00' });

/** The default settings: the official mainland China calendar (2026: Labour Day 1–5 May, worked Saturday 9 May). */
export const settings: WorkshopSettings = DEFAULT_WORKSHOP_SETTINGS;

export const openData = {
  repairOrderId: 'ro-1',
  roType: 'repair' as const,
  serviceAdvisorId: 'sa-1',
  vin: VIN,
  brand: '长安',
  model: 'CS75 PLUS',
  customerId: 'cust-1',
  mileageKm: 12_000,
};
