import { type BuiltEvent, salesEvents } from '../src/testing/sales-events.js';

// A small week of store-a (Mon 2025-03-03 … Sun 2025-03-09, Asia/Shanghai), plus one lead the week after and a
// few events of store-b, as the log would hold them at HQ. The expected KPI tables in scenario.int.spec.ts are
// worked out by hand from this script; the comments give each event's business date.

const a = salesEvents({ storeId: 'store-a' });
const b = salesEvents({ storeId: 'store-b' });
const CS75 = { brand: '长安', model: 'CS75' };
const CS55 = { brand: '长安', model: 'CS55' };
const day = (d: number, time = '10:00') => `2025-03-${String(d).padStart(2, '0')}T${time}:00+08:00`;

export const scenarioWeek: BuiltEvent[] = [
  // Targets for March: the store's 20 is replaced by 31 (1 a day); c1 62 (2 a day), c2 31; revenue 310万 → 10万 a day.
  a.targetSet({ month: '2025-03', units: 20 }, day(1)),
  a.targetSet({ month: '2025-03', units: 31, revenueFen: 310_000_000 }, day(3, '08:00')),
  a.targetSet({ month: '2025-03', units: 62, consultantId: 'c1' }, day(3, '08:00')),
  a.targetSet({ month: '2025-03', units: 31, consultantId: 'c2' }, day(3, '08:00')),

  // Mon 03-03
  a.leadCaptured({ leadId: 'L1', channel: 'walk_in', consultantId: 'c1', ...CS75 }, day(3)),
  a.visit({ leadId: 'L1', consultantId: 'c1', visitKind: 'first' }, day(3, '10:05')),
  a.testDrive({ leadId: 'L1', consultantId: 'c1', ...CS75 }, day(3, '10:30')),
  a.leadCaptured({ leadId: 'L2', channel: 'phone_in', consultantId: 'c2', ...CS55 }, day(3, '11:00')),
  a.leadCaptured({ leadId: 'L3', channel: 'online', ...CS75 }, day(3, '12:00')),
  // Tue 03-04
  a.leadAssigned({ leadId: 'L3', assigneeId: 'c1' }, day(4, '09:00')),
  a.orderSigned({ orderId: 'O1', leadId: 'L1', consultantId: 'c1', ...CS75, priceFen: 12_000_000, costFen: 11_200_000 }, day(4, '09:30')),
  a.leadCaptured({ leadId: 'L4', channel: 'walk_in', consultantId: 'c1', ...CS55 }, day(4)),
  a.visit({ leadId: 'L4', consultantId: 'c1', visitKind: 'first' }, day(4, '10:01')),
  a.leadCaptured({ leadId: 'L5', channel: 'online', ...CS75 }, day(4, '11:00')),
  a.leadAssigned({ leadId: 'L5', assigneeId: 'c2' }, day(4, '11:30')),
  a.visit({ leadId: 'L2', consultantId: 'c2', visitKind: 'first' }, day(4, '14:00')),
  a.testDrive({ leadId: 'L2', consultantId: 'c2', ...CS55 }, day(4, '14:30')),
  // Wed 03-05
  a.orderSigned({ orderId: 'O4', leadId: 'L2', consultantId: 'c2', ...CS55, priceFen: 8_000_000, costFen: 7_500_000 }, day(5, '09:00')),
  a.leadCaptured({ leadId: 'L6', channel: 'referral', consultantId: 'c2', ...CS75 }, day(5)),
  a.leadCaptured({ leadId: 'L7', channel: 'walk_in', consultantId: 'c1', ...CS75 }, day(5, '10:30')),
  a.visit({ leadId: 'L7', consultantId: 'c1', visitKind: 'first' }, day(5, '10:31')),
  a.testDrive({ leadId: 'L7', consultantId: 'c1', ...CS75 }, day(5, '11:00')),
  a.visit({ leadId: 'L3', consultantId: 'c1', visitKind: 'first' }, day(5, '15:00')),
  a.testDrive({ leadId: 'L3', consultantId: 'c1', ...CS75 }, day(5, '15:30')),
  // Thu 03-06
  a.orderSigned({ orderId: 'O2', leadId: 'L3', consultantId: 'c1', ...CS75, priceFen: 11_800_000, costFen: 11_000_000 }, day(6, '09:00')),
  a.visit({ leadId: 'L5', consultantId: 'c2', visitKind: 'first' }, day(6, '10:00')),
  a.testDrive({ leadId: 'L5', consultantId: 'c2', ...CS75 }, day(6, '10:30')),
  a.visit({ leadId: 'L6', consultantId: 'c2', visitKind: 'first' }, day(6, '11:00')),
  a.visit({ leadId: 'L1', consultantId: 'c1', visitKind: 'return' }, day(6, '12:00')),
  a.leadCaptured({ leadId: 'L8', channel: 'event', consultantId: 'c2', ...CS55 }, day(6, '13:00')),
  a.leadCaptured({ leadId: 'L9', channel: 'online', ...CS55 }, day(6, '14:00')),
  // Fri 03-07
  a.orderSigned(
    { orderId: 'O3', leadId: 'L5', consultantId: 'c2', online: true, onlineSpecialistId: 'web1', ...CS75, priceFen: 11_500_000, costFen: 10_900_000 },
    day(7, '09:00'),
  ),
  a.orderCancelled({ orderId: 'O4' }, day(7, '09:30')),
  a.leadCaptured({ leadId: 'L10', channel: 'walk_in', consultantId: 'c1', ...CS75 }, day(7)),
  a.visit({ leadId: 'L10', consultantId: 'c1', visitKind: 'first' }, day(7, '10:01')),
  a.orderSettled({ orderId: 'O1', amountFen: 12_000_000 }, day(7, '15:00')),
  a.delivered({ orderId: 'O1', leadId: 'L1', consultantId: 'c1', ...CS75, priceFen: 12_000_000 }, day(7, '16:00')),
  // Sat 03-08: O3 is handed over at 00:30 Shanghai time (still Friday in UTC).
  a.delivered({ orderId: 'O3', leadId: 'L5', consultantId: 'c2', online: true, ...CS75, priceFen: 11_500_000 }, '2025-03-07T16:30:00Z'),
  a.orderSigned({ orderId: 'O5', leadId: 'L7', consultantId: 'c1', ...CS75, priceFen: 12_200_000, costFen: 11_300_000 }, day(8, '11:00')),
  a.leadCaptured({ leadId: 'L11', channel: 'phone_in', consultantId: 'c2', ...CS75 }, '2025-03-08T15:30:00Z'),
  // Sun 03-09
  a.visit({ leadId: 'L11', consultantId: 'c2', visitKind: 'first' }, day(9, '09:00')),
  a.testDrive({ leadId: 'L11', consultantId: 'c2', ...CS75 }, day(9, '09:30')),
  a.delivered({ orderId: 'O2', leadId: 'L3', consultantId: 'c1', ...CS75, priceFen: 11_800_000 }, day(9, '10:00')),
  a.orderSigned({ orderId: 'O6', leadId: 'L6', consultantId: 'c2', ...CS75, priceFen: 12_100_000, costFen: 11_200_000 }, day(9, '11:00')),
  a.delivered({ orderId: 'O6', leadId: 'L6', consultantId: 'c2', ...CS75, priceFen: 12_000_000 }, day(9, '16:00')),
  a.leadCaptured({ leadId: 'L12', channel: 'outbound', consultantId: 'c1', ...CS55 }, day(9, '17:00')),
  a.leadLost({ leadId: 'L9' }, day(9, '18:00')),
  // Mon 03-10: outside the queried week.
  a.leadCaptured({ leadId: 'L13', channel: 'walk_in', consultantId: 'c1', ...CS75 }, day(10)),

  // store-b: one lead sold and delivered, its own March target of 31.
  b.targetSet({ month: '2025-03', units: 31 }, day(1)),
  b.leadCaptured({ leadId: 'L1', channel: 'walk_in', consultantId: 'b1', ...CS55 }, day(4)),
  b.visit({ leadId: 'L1', consultantId: 'b1', visitKind: 'first' }, day(4, '10:05')),
  b.orderSigned({ orderId: 'O1', leadId: 'L1', consultantId: 'b1', ...CS55, priceFen: 10_000_000, costFen: 9_000_000 }, day(4, '11:00')),
  b.delivered({ orderId: 'O1', leadId: 'L1', consultantId: 'b1', ...CS55, priceFen: 10_000_000 }, day(5, '11:00')),
];
