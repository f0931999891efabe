import { type Actor } from '@rooftop/eventsourcing';
import { cny, commandBuilder } from '@rooftop/testkit';
import { type PartsSettings } from '../src/domain/settings.js';

export { cny };

// Small builders shared by the parts unit and integration tests.

export const STORE = 'store-1';
export const clerk: Actor = { kind: 'user', id: 'clerk-1', roles: ['parts_clerk'] };
export const seller: Actor = { kind: 'user', id: 'acc-1', roles: ['accessory_sales'] };
export const manager: Actor = { kind: 'user', id: 'pm-1', roles: ['parts_manager'] };
export const system: Actor = { kind: 'system', id: 'parts-reactions', roles: ['system'] };

export const settings: PartsSettings = { accessoryDiscountAuthorityBps: 1000, groupStores: ['store-1', 'store-2'] };

export const command = commandBuilder({ storeId: STORE, actor: clerk, now: '2026-03-02T10:00:00+08:00' });

/** An oil filter: genuine, cost 30.00 元, price 50.00 元. */
export const filter = {
  partNumber: 'P-FILTER',
  name: '机油滤清器',
  kind: 'genuine' as const,
  brand: '长安',
  cost: cny(3_000),
  price: cny(5_000),
  reorderPoint: 5,
};
/** A floor mat: accessory, cost 200.00 元, price 400.00 元. */
export const mat = { partNumber: 'A-MAT', name: '脚垫', kind: 'accessory' as const, brand: '长安', cost: cny(20_000), price: cny(40_000), reorderPoint: 2 };
