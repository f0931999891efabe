import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { queryKpis } from '@rooftop/kpis';
import { appendEvents, salesEvents } from '@rooftop/kpis/testing';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOpenLeads, listOrdersInProgress, salesProjections } from './index.js';

let db: TestDatabase;
let store: PostgresEventStore;

const s1 = salesEvents({ storeId: 's1' });
const s2 = salesEvents({ storeId: 's2' });
const CS75 = { brand: '长安', model: 'CS75' };
const at = (d: number, time: string) => `2025-03-0${d}T${time}:00+08:00`;

beforeAll(async () => {
  db = await createTestDatabase('sales_projections');
  await migrateEventStore(db.pool);
  store = new PostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
  await appendEvents(store, [
    s1.leadCaptured({ leadId: 'L1', channel: 'walk_in', consultantId: 'c1', ...CS75 }, at(3, '10:00')),
    s1.visit({ leadId: 'L1', consultantId: 'c1', visitKind: 'first' }, at(3, '10:01')),
    s1.testDrive({ leadId: 'L1', consultantId: 'c1', ...CS75 }, at(3, '10:30')),
    s1.quotation({ leadId: 'L1', consultantId: 'c1', ...CS75, priceFen: 12_000_000 }, at(3, '11:00')),
    s1.leadContacted({ leadId: 'L1', contactedBy: 'c1', nextAction: { action: 'Invite back with the finance offer', dueOn: '2025-03-08' } }, at(4, '09:00')),
    s1.leadCaptured({ leadId: 'L2', channel: 'online', ...CS75 }, at(3, '12:00')),
    s1.leadAssigned({ leadId: 'L2', assigneeId: 'call1', assigneeRole: 'call_specialist' }, at(3, '12:05')),
    s1.leadAssigned({ leadId: 'L2', assigneeId: 'c2' }, at(3, '13:00')),
    s1.leadContacted({ leadId: 'L2', contactedBy: 'c2' }, at(3, '14:00')),
    s1.leadCaptured({ leadId: 'L3', channel: 'walk_in', consultantId: 'c1', ...CS75 }, at(3, '15:00')),
    s1.leadLost({ leadId: 'L3' }, at(4, '10:00')),
    s1.leadCaptured({ leadId: 'L4', channel: 'referral', consultantId: 'c2', ...CS75 }, at(4, '10:00')),
    s1.discountRequested(
      { orderId: 'O4', leadId: 'L4', requestId: 'D4', consultantId: 'c2', ...CS75, listPriceFen: 12_500_000, discountFen: 600_000 },
      at(4, '10:30'),
    ),
    s1.discountApproved({ orderId: 'O4', requestId: 'D4', approvedBy: 'mgr1', discountFen: 600_000 }, at(4, '10:45')),
    s1.orderSigned({ orderId: 'O4', leadId: 'L4', consultantId: 'c2', ...CS75, priceFen: 11_900_000, costFen: 11_000_000 }, at(4, '11:00')),
    s1.orderSettled({ orderId: 'O4', amountFen: 11_900_000 }, at(5, '11:00')),
    s1.leadCaptured({ leadId: 'L5', channel: 'phone_in', consultantId: 'c1', ...CS75 }, at(4, '12:00')),
    s1.orderSigned({ orderId: 'O5', leadId: 'L5', consultantId: 'c1', ...CS75, priceFen: 12_100_000, costFen: 11_000_000 }, at(4, '13:00')),
    s1.orderCancelled({ orderId: 'O5' }, at(5, '09:00')),
    s1.leadCaptured({ leadId: 'L6', channel: 'online', consultantId: 'c2', ...CS75 }, at(4, '14:00')),
    s1.orderSigned(
      { orderId: 'O6', leadId: 'L6', consultantId: 'c2', online: true, onlineSpecialistId: 'web1', ...CS75, priceFen: 11_500_000, costFen: 10_800_000 },
      at(4, '15:00'),
    ),
    s1.delivered({ orderId: 'O6', leadId: 'L6', consultantId: 'c2', online: true, ...CS75, priceFen: 11_500_000 }, at(5, '15:00')),
    s1.discountRequested(
      { orderId: 'O7', leadId: 'L2', requestId: 'D7', consultantId: 'c2', ...CS75, listPriceFen: 12_500_000, discountFen: 900_000 },
      at(5, '16:00'),
    ),
    s2.leadCaptured({ leadId: 'L1', channel: 'walk_in', consultantId: 'c1', ...CS75 }, at(3, '10:00')),
  ]);
  const { rows } = await db.pool.query<{ head: string }>(`SELECT max(global_position) AS head FROM ${store.names.events}`);
  while ((await store.headPosition()) < Number(rows[0]!.head)) await new Promise((resolve) => setTimeout(resolve, 25));
  // Batches of 2 put a lead's events (and an order's) in different transactions.
  await new ProjectionRunner({ pool: db.pool, store, projections: salesProjections, batchSize: 2 }).runUntilCaughtUp();
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

describe('sales list read models', () => {
  it('runs the list read models and the KPI facts together', () => {
    expect(salesProjections.map((p) => p.name)).toEqual(['sales_open_leads', 'sales_orders_in_progress', 'sales_kpi_facts', 'sales_targets']);
  });

  it('lists open leads per assignee with the next action first; lost, ordered and delivered leads leave, a cancelled order reopens', async () => {
    const open = await listOpenLeads(db.pool, { storeId: 's1' });
    expect(open.map((l) => [l.leadId, l.assigneeId, l.stage, l.nextAction?.dueOn ?? null])).toEqual([
      ['L1', 'c1', 'quoted', '2025-03-08'],
      ['L2', 'c2', 'contacted', null],
      ['L5', 'c1', 'captured', null],
    ]);
    expect(open[0]).toMatchObject({
      visits: 1,
      testDrives: 1,
      lastQuotedPriceFen: 12_000_000,
      nextAction: { action: 'Invite back with the finance offer' },
      channel: 'walk_in',
    });
    expect((await listOpenLeads(db.pool, { storeId: 's1', assigneeId: 'c1' })).map((l) => l.leadId)).toEqual(['L1', 'L5']);
    expect((await listOpenLeads(db.pool, { storeId: 's2', assigneeId: 'c1' })).map((l) => l.leadId)).toEqual(['L1']);
  });

  it('lists orders in progress, with a pending discount decision, until they are delivered or cancelled', async () => {
    const orders = await listOrdersInProgress(db.pool, { storeId: 's1' });
    expect(orders).toEqual([
      expect.objectContaining({
        order_id: 'O4',
        lead_id: 'L4',
        status: 'signed',
        credited_to: 'c2',
        settled: true,
        amount_received_fen: 11_900_000,
        price_fen: 11_900_000,
        pending_discount_fen: null,
      }),
      expect.objectContaining({
        order_id: 'O7',
        lead_id: 'L2',
        status: 'negotiating',
        pending_discount_request_id: 'D7',
        pending_discount_fen: 900_000,
        settled: false,
      }),
    ]);
    expect((await listOrdersInProgress(db.pool, { storeId: 's1', creditedTo: 'c1' })).map((o) => o.order_id)).toEqual([]);
  });

  it('feeds the store KPIs from the same log', async () => {
    const points = await queryKpis(db.pool, {
      names: ['sales.leads', 'sales.orders', 'sales.onlineOrders', 'sales.deliveries'],
      storeIds: ['s1'],
      from: '2025-03-03',
      to: '2025-03-09',
      granularity: 'WEEK',
    });
    expect(points.map((p) => [p.name, p.value])).toEqual([
      ['sales.leads', 6],
      ['sales.orders', 2],
      ['sales.onlineOrders', 1],
      ['sales.deliveries', 1],
    ]);
  });
});
