import { type Actor } from '@rooftop/eventsourcing';
import { cny, commandBuilder } from '@rooftop/testkit';

export { cny };

// Small builders shared by the insurance unit and integration tests.

export const STORE = 'store-1';
export const VIN = 'LS5A3DKE0NA123456';
export const ZONE = 'Asia/Shanghai';

export const clerk: Actor = { kind: 'user', id: 'ins-1', roles: ['insurance_clerk'] };
export const renewalClerk: Actor = { kind: 'user', id: 'ren-1', roles: ['insurance_renewal_clerk'] };
export const system: Actor = { kind: 'system', id: 'insurance-timers', roles: ['system'] };

export const command = commandBuilder({ storeId: STORE, actor: clerk, now: '2026-03-02T10:00:00+08:00' });

/** 交强险 950 元 + 车损 3,000 元 + 三者 1,200 元 = 5,150 元. */
export const covers = [
  { kind: 'compulsory' as const, premium: cny(95_000) },
  { kind: 'vehicle_damage' as const, premium: cny(300_000), sumInsured: cny(12_000_000) },
  { kind: 'third_party' as const, premium: cny(120_000), sumInsured: cny(100_000_000) },
];

export const terms = { insurer: '人保', coverages: covers, commission: cny(51_500), startsOn: '2026-03-02', endsOn: '2027-03-01' };

export const vehicle = { vin: VIN, brand: '长安', model: 'CS75', customerId: 'cust-1' };
