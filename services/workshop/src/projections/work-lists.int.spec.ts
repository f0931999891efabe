import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { queryKpis } from '@rooftop/kpis';
import { appendEvents, type RoDims, workshopEvents } from '@rooftop/kpis/testing';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRepairOrdersByStatus,
  createWorkshopProjections,
  followUpWorkloadByClerk,
  listAppointments,
  listFollowUpWork,
  listRepairOrders,
  workshopProjections,
} from './index.js';

let db: TestDatabase;
let store: PostgresEventStore;

const s1 = workshopEvents({ storeId: 's1' });
const s2 = workshopEvents({ storeId: 's2' });
const at = (d: number, time: string) => `2025-03-0${d}T${time}:00+08:00`;
const ro = (id: string, sa = 'sa1', roType: RoDims['roType'] = 'repair'): RoDims => ({ repairOrderId: id, brand: '长安', roType, serviceAdvisorId: sa });
const tech = [{ technicianId: 't1', labourHours: 2 }];
const due = (id: string, call: 'first' | 'second', dueOn: string, lastDayOn: string, t: string) => s1.followUpDue({ ...ro(id), call, dueOn, lastDayOn }, t);

beforeAll(async () => {
  db = await createTestDatabase('workshop_work_lists');
  await migrateEventStore(db.pool);
  store = new PostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
  await appendEvents(store, [
    s1.booked({ appointmentId: 'A1', brand: '长安', roType: 'repair', serviceAdvisorId: 'sa1', slotStart: at(3, '09:00'), plate: '粤B12345' }, at(1, '10:00')),
    s1.booked({ appointmentId: 'A2', brand: '长安', roType: 'maintenance', serviceAdvisorId: 'sa2', slotStart: at(3, '14:00') }, at(1, '10:05')),
    s1.booked({ appointmentId: 'A3', brand: '长安', roType: 'maintenance', serviceAdvisorId: 'sa1', slotStart: at(4, '09:00') }, at(1, '10:10')),
    s1.booked({ appointmentId: 'A4', brand: '长安', roType: 'maintenance', slotStart: at(3, '11:00') }, at(1, '10:15')),
    s2.booked({ appointmentId: 'A1', brand: '长安', roType: 'repair', slotStart: at(3, '09:00') }, at(1, '10:00')),
    s1.appointmentCancelled({ appointmentId: 'A4', brand: '长安' }, at(2, '10:00')),
    s1.arrived({ appointmentId: 'A1', brand: '长安', slotStart: at(3, '09:00') }, at(3, '08:55')),
    s1.opened({ ...ro('R1'), appointmentId: 'A1' }, at(3, '09:05')),
    s1.estimateAgreed({ repairOrderId: 'R1', serviceAdvisorId: 'sa1', labourFen: 40_000, partsFen: 60_000, promisedAt: at(3, '17:00') }, at(3, '09:20')),
    s1.dispatched({ repairOrderId: 'R1', technicianIds: ['t1'] }, at(3, '09:30')),
    s1.workCompleted({ ...ro('R1'), technicians: tech }, at(3, '12:00')),
    s1.qualityChecked({ repairOrderId: 'R1', passed: false }, at(3, '12:30')),
    s1.noShow({ appointmentId: 'A2', brand: '长安', slotStart: at(3, '14:00') }, at(3, '15:00')),
    s1.opened(ro('R2', 'sa2'), at(3, '10:00')),
    s1.estimateAgreed({ repairOrderId: 'R2', serviceAdvisorId: 'sa2', labourFen: 10_000, partsFen: 20_000 }, at(3, '10:10')),
    s1.dispatched({ repairOrderId: 'R2', technicianIds: ['t2'] }, at(3, '10:20')),
    s1.progress({ repairOrderId: 'R2', finding: '刹车片磨损' }, at(3, '11:00')),
    s1.workCompleted({ ...ro('R2', 'sa2'), technicians: [{ technicianId: 't2', labourHours: 1 }] }, at(3, '13:00')),
    s1.qualityChecked({ repairOrderId: 'R2', passed: true }, at(3, '13:30')),
    s1.washed({ repairOrderId: 'R2' }, at(3, '14:00')),
    s1.invoiced({ ...ro('R2', 'sa2'), labourFen: 10_000, partsFen: 20_000, technicians: [{ technicianId: 't2', labourHours: 1 }] }, at(3, '14:30')),
    s1.opened(ro('R3'), at(2, '09:00')),
    s1.invoiced({ ...ro('R3'), labourFen: 10_000, partsFen: 0, technicians: tech }, at(2, '15:00')),
    s1.released(ro('R3'), at(2, '16:00')),
    // Follow-ups: R3 due, R4 overdue, R5 an escalated open issue, R6 second call due, R7 both calls made.
    s1.followUpOpened({ ...ro('R3'), firstCallDueOn: '2025-03-05' }, at(2, '16:00')),
    due('R3', 'first', '2025-03-05', '2025-03-07', at(5, '00:01')),
    s1.followUpOpened({ ...ro('R4'), firstCallDueOn: '2025-03-03' }, '2025-02-26T16:00:00+08:00'),
    due('R4', 'first', '2025-03-03', '2025-03-05', at(3, '00:01')),
    s1.followUpOverdue({ ...ro('R4'), call: 'first', dueOn: '2025-03-03', lastDayOn: '2025-03-05' }, at(6, '00:01')),
    s1.followUpOpened({ ...ro('R5', 'sa2'), firstCallDueOn: '2025-03-04' }, '2025-02-27T16:00:00+08:00'),
    s1.followUpCall(
      { ...ro('R5', 'sa2'), call: 'first', clerkId: 'clerk1', onTime: true, satisfaction: 2, issues: ['异响未解决'], issueOpen: true },
      at(4, '10:00'),
    ),
    s1.followUpEscalated({ ...ro('R5', 'sa2'), call: 'first', raisedAt: at(4, '10:00'), issues: ['异响未解决'] }, at(6, '10:00')),
    s1.followUpOpened({ ...ro('R6'), firstCallDueOn: '2025-02-24' }, '2025-02-19T16:00:00+08:00'),
    s1.followUpCall({ ...ro('R6'), call: 'first', clerkId: 'clerk2', onTime: true, satisfaction: 5 }, '2025-02-24T10:00:00+08:00'),
    due('R6', 'second', '2025-03-03', '2025-03-09', at(3, '00:01')),
    s1.followUpOpened({ ...ro('R7'), firstCallDueOn: '2025-02-20' }, '2025-02-17T16:00:00+08:00'),
    s1.followUpCall({ ...ro('R7'), call: 'first', clerkId: 'clerk1', onTime: true, satisfaction: 5 }, '2025-02-20T10:00:00+08:00'),
    due('R7', 'second', '2025-02-27', '2025-03-05', '2025-02-27T00:01:00+08:00'),
    s1.followUpCall({ ...ro('R7'), call: 'second', clerkId: 'clerk1', onTime: true, satisfaction: 4 }, at(3, '10:00')),
  ]);
  const { rows } = await db.pool.query<{ head: string }>(`SELECT max(global_position) AS head FROM ${store.names.events}`);
  while ((await store.headPosition()) < Number(rows[0]!.head)) await new Promise((resolve) => setTimeout(resolve, 25));
  // Batches of 2 put an RO's events (and a follow-up's) in different transactions.
  await new ProjectionRunner({ pool: db.pool, store, projections: workshopProjections, batchSize: 2 }).runUntilCaughtUp();
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

describe('workshop work lists', () => {
  it('runs the work lists and the KPI facts together, in the store zone it is given', () => {
    expect(workshopProjections.map((p) => p.name)).toEqual([
      'workshop_appointments',
      'workshop_open_repair_orders',
      'workshop_follow_ups',
      'workshop_kpi_facts',
    ]);
    expect(() => createWorkshopProjections({ timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it("lists the day's appointments in slot order with their outcome and RO; cancelled ones only on request", async () => {
    const today = await listAppointments(db.pool, { storeId: 's1', date: '2025-03-03' });
    expect(today.map((a) => [a.appointmentId, a.slotStart, a.status, a.repairOrderId, a.serviceAdvisorId])).toEqual([
      ['A1', '2025-03-03T01:00:00.000Z', 'arrived', 'R1', 'sa1'],
      ['A2', '2025-03-03T06:00:00.000Z', 'no_show', null, 'sa2'],
    ]);
    expect(today[0]).toMatchObject({ plate: '粤B12345', customerName: '测试客户', roType: 'repair', slotDate: '2025-03-03' });
    expect((await listAppointments(db.pool, { storeId: 's1', date: '2025-03-03', includeCancelled: true })).map((a) => [a.appointmentId, a.status])).toEqual([
      ['A1', 'arrived'],
      ['A4', 'cancelled'],
      ['A2', 'no_show'],
    ]);
    expect((await listAppointments(db.pool, { storeId: 's1', date: '2025-03-04', serviceAdvisorId: 'sa1' })).map((a) => a.appointmentId)).toEqual(['A3']);
    expect((await listAppointments(db.pool, { storeId: 's2', date: '2025-03-03' })).map((a) => [a.appointmentId, a.status])).toEqual([['A1', 'booked']]);
  });

  it('lists unreleased repair orders by status, promised hand-backs first; a released RO leaves the list', async () => {
    const open = await listRepairOrders(db.pool, { storeId: 's1' });
    expect(open.map((r) => [r.repairOrderId, r.status, r.technicianIds, r.estimateFen, r.invoiceTotalFen, r.promisedAt])).toEqual([
      ['R1', 'rework', ['t1'], 100_000, null, '2025-03-03T09:00:00.000Z'],
      ['R2', 'invoiced', ['t2'], 30_000, 30_000, null],
    ]);
    expect(open[0]).toMatchObject({ appointmentId: 'A1', serviceAdvisorId: 'sa1', roType: 'repair' });
    expect((await listRepairOrders(db.pool, { storeId: 's1', statuses: ['invoiced', 'washed'] })).map((r) => r.repairOrderId)).toEqual(['R2']);
    expect((await listRepairOrders(db.pool, { storeId: 's1', serviceAdvisorId: 'sa1' })).map((r) => r.repairOrderId)).toEqual(['R1']);
    expect(await countRepairOrdersByStatus(db.pool, { storeId: 's1' })).toEqual({
      opened: 0,
      estimate_agreed: 0,
      dispatched: 0,
      in_progress: 0,
      work_completed: 0,
      rework: 1,
      quality_checked: 0,
      washed: 0,
      invoiced: 1,
    });
  });

  it('lists follow-ups overdue first, then open issues, then calls due; finished ones leave; per clerk', async () => {
    const work = await listFollowUpWork(db.pool, { storeId: 's1' });
    expect(work.map((f) => [f.repairOrderId, f.call, f.status, f.dueOn, f.lastDayOn, f.issueOpen, f.escalated, f.lastClerkId])).toEqual([
      ['R4', 'first', 'overdue', '2025-03-03', '2025-03-05', false, false, null],
      ['R5', 'first', 'called', '2025-03-04', null, true, true, 'clerk1'],
      ['R6', 'second', 'due', '2025-03-03', '2025-03-09', false, false, 'clerk2'],
      ['R3', 'first', 'due', '2025-03-05', '2025-03-07', false, false, null],
    ]);
    expect(work[1]).toMatchObject({ issues: ['异响未解决'], lastSatisfaction: 2, serviceAdvisorId: 'sa2' });
    expect((await listFollowUpWork(db.pool, { storeId: 's1', clerkId: 'clerk2' })).map((f) => f.repairOrderId)).toEqual(['R6']);
    expect((await listFollowUpWork(db.pool, { storeId: 's1', serviceAdvisorId: 'sa2' })).map((f) => f.repairOrderId)).toEqual(['R5']);
    expect(await followUpWorkloadByClerk(db.pool, { storeId: 's1' })).toEqual([
      { clerkId: null, due: 1, overdue: 1, openIssues: 0 },
      { clerkId: 'clerk1', due: 0, overdue: 0, openIssues: 1 },
      { clerkId: 'clerk2', due: 1, overdue: 0, openIssues: 0 },
    ]);
  });

  it('feeds the KPI facts from the same run', async () => {
    const points = await queryKpis(db.pool, {
      names: ['workshop.vehiclesIn', 'workshop.noShowRate', 'workshop.output'],
      storeIds: ['s1'],
      from: '2025-03-03',
      to: '2025-03-03',
      granularity: 'DAY',
    });
    expect(points.map((p) => [p.name, p.numerator, p.denominator])).toEqual([
      ['workshop.vehiclesIn', 2, null],
      ['workshop.noShowRate', 1, 2],
      ['workshop.output', 30_000, null],
    ]);
  });
});
