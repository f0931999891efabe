import { type BuiltEvent } from '../src/testing/sales-events.js';
import { type RoDims, workshopEvents } from '../src/testing/workshop-events.js';

// A week of store-w's workshop (Mon 2025-03-03 … Sun 2025-03-09, Asia/Shanghai), with a little before and
// after it and one RO of another store. The expected KPI tables in workshop-scenario.int.spec.ts are worked
// out by hand from this script; the comments give each event's business date and what it counts.

const w = workshopEvents({ storeId: 'store-w' });
const other = workshopEvents({ storeId: 'store-y' });
const day = (d: number, time = '10:00') => `2025-03-${String(d).padStart(2, '0')}T${time}:00+08:00`;
const CA = '长安';
const ro = (id: string, roType: RoDims['roType'], sa: string): RoDims => ({ repairOrderId: id, brand: CA, roType, serviceAdvisorId: sa });

const R0 = ro('R0', 'maintenance', 'sa1');
const R1 = ro('R1', 'maintenance', 'sa1');
const R2 = ro('R2', 'repair', 'sa2');
const R3 = ro('R3', 'insurance_claim', 'sa1');
const R4 = ro('R4', 'body_paint', 'sa2');
const R5 = ro('R5', 'warranty', 'sa1');
const R6 = ro('R6', 'repair', 'sa1'); // comeback of R2: counted against R2's type and SA (repair, sa2)
const R7 = ro('R7', 'maintenance', 'sa2');
const VIN1 = 'LS5A3DKE0NA000001';
const VIN2 = 'LS5A3DKE0NA000002';
const t = (technicianId: string, labourHours: number) => ({ technicianId, labourHours });

export const workshopWeek: BuiltEvent[] = [
  // Before the week: bookings, and R0's follow-up opened on Thu 02-27 (its on-time call counts there).
  w.booked({ appointmentId: 'A1', brand: CA, roType: 'maintenance', serviceAdvisorId: 'sa1', slotStart: day(3, '09:00') }, day(1)),
  w.booked({ appointmentId: 'A2', brand: CA, roType: 'repair', serviceAdvisorId: 'sa2', slotStart: day(3, '14:00') }, day(1, '11:00')),
  w.booked({ appointmentId: 'A3', brand: CA, roType: 'insurance_claim', serviceAdvisorId: 'sa1', slotStart: day(4, '09:00') }, day(2)),
  w.followUpOpened({ ...R0, firstCallDueOn: '2025-03-04' }, '2025-02-27T16:00:00+08:00'),

  // Mon 03-03
  w.arrived({ appointmentId: 'A1', brand: CA, slotStart: day(3, '09:00') }, day(3, '09:05')),
  w.opened({ ...R1, appointmentId: 'A1', vin: VIN1 }, day(3, '09:10')),
  w.opened(R2, day(3, '10:00')),
  w.followUpCall({ ...R0, call: 'first', clerkId: 'clerk1', onTime: true, satisfaction: 4 }, day(3, '11:00')), // CSI on Mon
  w.noShow({ appointmentId: 'A2', brand: CA, slotStart: day(3, '14:00') }, day(3, '15:30')),
  w.invoiced({ ...R1, labourFen: 30_000, partsFen: 50_000, technicians: [t('t1', 1.5)] }, day(3, '16:00')),
  w.released({ ...R1, vin: VIN1 }, day(3, '16:30')),
  w.followUpOpened({ ...R1, firstCallDueOn: '2025-03-06' }, day(3, '16:30')),
  w.classified({ vin: VIN1, brand: CA, class: 'loyal', previousClass: 'general', lastVisitOn: '2025-03-03' }, day(3, '16:31')),

  // Tue 03-04
  w.arrived({ appointmentId: 'A3', brand: CA, slotStart: day(4, '09:00') }, day(4, '09:00')),
  w.opened({ ...R3, appointmentId: 'A3' }, day(4, '09:10')),
  w.booked({ appointmentId: 'A4', brand: CA, roType: 'maintenance', serviceAdvisorId: 'sa2', slotStart: day(5, '10:00') }, day(4)),
  w.opened(R4, day(4, '11:00')),
  w.invoiced({ ...R2, labourFen: 60_000, partsFen: 90_000, technicians: [t('t1', 2), t('t2', 1)] }, day(4, '15:00')), // t1 100_000, t2 50_000
  w.released(R2, day(4, '15:30')),
  w.followUpOpened({ ...R2, firstCallDueOn: '2025-03-07' }, day(4, '15:30')),

  // Wed 03-05
  w.appointmentCancelled({ appointmentId: 'A4', brand: CA }, day(5, '08:00')), // counts nowhere
  w.opened(R5, day(5, '09:00')),
  w.opened({ ...R6, comebackOf: 'R2' }, day(5, '10:00')),
  w.invoiced({ ...R3, labourFen: 120_000, partsFen: 200_000, technicians: [t('t2', 3), t('t3', 1)] }, day(5, '17:00')), // t2 240_000, t3 80_000
  w.released(R3, day(5, '17:30')),
  w.followUpOpened({ ...R3, firstCallDueOn: '2025-03-10' }, day(5, '17:30')),

  // Thu 03-06
  w.followUpCall({ ...R1, call: 'first', clerkId: 'clerk1', onTime: true, satisfaction: 5 }, day(6)), // on time → Mon
  w.invoiced({ ...R4, labourFen: 150_000, partsFen: 100_000, technicians: [t('t3', 4)] }, day(6, '16:00')),
  w.released(R4, day(6, '16:30')),
  w.followUpOpened({ ...R4, firstCallDueOn: '2025-03-11' }, day(6, '16:30')),
  w.invoiced({ ...R5, labourFen: 20_000, partsFen: 40_000, technicians: [t('t1', 1)] }, day(6, '17:00')),
  w.released(R5, day(6, '17:30')),
  w.followUpOpened({ ...R5, firstCallDueOn: '2025-03-11' }, day(6, '17:30')),

  // Fri 03-07
  w.claimApproved({ claimId: 'W1', repairOrderId: 'R5', brand: CA, claimedFen: 60_000, approvedFen: 60_000 }, day(7)),
  w.claimRejected({ claimId: 'W2', repairOrderId: 'R5', brand: CA }, day(7, '11:00')),
  w.invoiced({ ...R6, labourFen: 0, partsFen: 0, comeback: true, technicians: [t('t2', 1)] }, day(7, '15:00')), // free comeback: a job, no output
  w.released(R6, day(7, '15:30')),
  w.followUpOpened({ ...R6, firstCallDueOn: '2025-03-12' }, day(7, '15:30')),

  // Sat 03-08 (the first two at 00:05 and 02:00 Shanghai time, still Friday in UTC)
  w.followUpOverdue({ ...R2, call: 'first', dueOn: '2025-03-07', lastDayOn: '2025-03-07' }, '2025-03-07T16:05:00Z'),
  w.classified({ vin: VIN2, brand: CA, class: 'lost', previousClass: 'loyal', lastVisitOn: '2024-03-07' }, '2025-03-07T18:00:00Z'),
  w.opened(R7, day(8, '09:00')),
  w.followUpCall({ ...R2, call: 'first', clerkId: 'clerk2', onTime: false, satisfaction: 3, issues: ['等待时间过长'], issueOpen: true }, day(8)), // late
  w.complaint({ complaintId: 'C1', repairOrderId: 'R2', brand: CA, serviceAdvisorId: 'sa2' }, day(8, '10:30')),
  w.followUpCall({ ...R4, call: 'first', clerkId: 'clerk2', onTime: true, satisfaction: 5 }, day(8, '11:00')), // on time → Thu
  w.invoiced({ ...R7, labourFen: 20_000, partsFen: 30_000, technicians: [t('t3', 1)] }, day(8, '12:00')),
  w.released(R7, day(8, '12:30')),
  w.followUpOpened({ ...R7, firstCallDueOn: '2025-03-12' }, day(8, '12:30')),

  // Sun 03-09
  w.complaint({ complaintId: 'C2', brand: CA, serviceAdvisorId: 'sa1', severity: 'major' }, day(9)),
  w.complaintResolved({ complaintId: 'C1', receivedAt: day(8, '10:30') }, day(9, '09:30')), // 1380 minutes, sa2 / repair
  w.complaintResolved({ complaintId: 'C2', receivedAt: day(9), severity: 'major' }, day(9, '16:00')), // 360 minutes, sa1 / no RO

  // Mon 03-10: outside the week.
  w.opened(ro('R8', 'repair', 'sa1'), day(10, '09:00')),

  // Another store's RO, left out of every store-w query.
  other.opened(ro('R1', 'repair', 'sa1'), day(3, '09:00')),
];
