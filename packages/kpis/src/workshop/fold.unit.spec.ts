import { type RecordedEvent } from '@rooftop/eventsourcing';
import { describe, expect, it } from 'vitest';
import { zoneResolver } from '../facts/business-date.js';
import { type FactRowDelta } from '../facts/fact-table.js';
import { type BuiltEvent } from '../testing/sales-events.js';
import { type RoDims, workshopEvents } from '../testing/workshop-events.js';
import { type WorkshopFactState, foldWorkshopFacts } from './fold.js';
import { splitByHours } from './split.js';

const ev = workshopEvents({ storeId: 'store-a' });
const zone = zoneResolver(undefined);
const at = (d: number, time = '10:00') => `2025-03-${String(d).padStart(2, '0')}T${time}:00+08:00`;

const recorded = (built: readonly BuiltEvent[]): RecordedEvent[] =>
  built.map((b, i) => ({ ...b.event, streamId: b.streamId, streamVersion: 1, globalPosition: i + 1, recordedAt: new Date(0) }));
const emptyState = (): WorkshopFactState => ({ repairOrders: new Map(), appointments: new Map(), complaints: new Map() });
const fold = (events: BuiltEvent[], state = emptyState()) => foldWorkshopFacts(recorded(events), state, zone);

/** Deltas as `date|brand|roType|sa[|technician] → {column: n}`. */
const table = (deltas: readonly FactRowDelta[]): Record<string, FactRowDelta['values']> =>
  Object.fromEntries(deltas.map((d) => [[d.businessDate, ...d.dims].join('|'), d.values]));

const R1: RoDims = { repairOrderId: 'R1', brand: '长安', roType: 'repair', serviceAdvisorId: 'sa1' };

describe('splitting output among technicians', () => {
  it('splits by labour hours in whole fen that add up exactly, evenly when no hours were booked', () => {
    expect(
      splitByHours(100_001, [
        { technicianId: 't1', labourHours: 2 },
        { technicianId: 't2', labourHours: 1 },
      ]),
    ).toEqual([
      { technicianId: 't1', share: 66_667 },
      { technicianId: 't2', share: 33_334 },
    ]);
    expect(
      splitByHours(100, [
        { technicianId: 't1', labourHours: 0 },
        { technicianId: 't2', labourHours: 0 },
        { technicianId: 't3', labourHours: 0 },
      ]).map((s) => s.share),
    ).toEqual([34, 33, 33]);
    expect(splitByHours(0, [{ technicianId: 't1', labourHours: 1.25 }])).toEqual([{ technicianId: 't1', share: 0 }]);
  });
});

describe('workshop fact fold', () => {
  it('counts vehicles in, ROs from appointments, and a comeback against the original RO’s type and SA', () => {
    const result = fold([
      ev.opened({ ...R1, appointmentId: 'A1' }, at(3)),
      ev.opened({ repairOrderId: 'R2', brand: '长安', roType: 'repair', serviceAdvisorId: 'sa2', comebackOf: 'R1' }, at(5)),
      ev.opened({ repairOrderId: 'R3', brand: '长安', roType: 'maintenance', serviceAdvisorId: 'sa2', comebackOf: 'R-unseen' }, at(5)),
    ]);
    expect(table(result.deltas)).toEqual({
      '2025-03-03|长安|repair|sa1': { vehicles_in: 1, ros_from_appointment: 1 },
      '2025-03-05|长安|repair|sa2': { vehicles_in: 1 },
      '2025-03-05|长安|repair|sa1': { comebacks: 1 },
      '2025-03-05|长安|maintenance|sa2': { vehicles_in: 1, comebacks: 1 },
    });
    expect(result.repairOrders.map((r) => r.repair_order_id)).toEqual(['R1', 'R2', 'R3']);
  });

  it('books output on the invoice date by RO type and credits technicians by labour hours', () => {
    const claim: RoDims = { repairOrderId: 'R9', brand: '长安', roType: 'insurance_claim', serviceAdvisorId: 'sa1' };
    const result = fold([
      ev.invoiced(
        {
          ...R1,
          labourFen: 30_000,
          partsFen: 50_000,
          discountFen: 5_000,
          technicians: [
            { technicianId: 't1', labourHours: 1.5 },
            { technicianId: 't2', labourHours: 0.5 },
          ],
        },
        '2025-03-03T16:30:00Z',
      ),
      ev.invoiced({ ...claim, labourFen: 100_000, partsFen: 150_000, technicians: [{ technicianId: 't1', labourHours: 3 }] }, at(4)),
      ev.invoiced({ ...claim, labourFen: 1, partsFen: 1, technicians: [{ technicianId: 't1', labourHours: 3 }] }, at(5)),
    ]);
    expect(table(result.deltas)).toEqual({
      '2025-03-04|长安|repair|sa1': {
        ros_invoiced: 1,
        output_fen: 80_000,
        labour_fen: 30_000,
        parts_fen: 50_000,
        repair_output_fen: 80_000,
        repair_ros_invoiced: 1,
      },
      '2025-03-04|长安|insurance_claim|sa1': {
        ros_invoiced: 1,
        output_fen: 250_000,
        labour_fen: 100_000,
        parts_fen: 150_000,
        insurance_output_fen: 250_000,
        insurance_ros_invoiced: 1,
      },
    });
    expect(table(result.technicianDeltas)).toEqual({
      '2025-03-04|长安|repair|sa1|t1': { technician_output_fen: 60_000, technician_jobs: 1 },
      '2025-03-04|长安|repair|sa1|t2': { technician_output_fen: 20_000, technician_jobs: 1 },
      '2025-03-04|长安|insurance_claim|sa1|t1': { technician_output_fen: 250_000, technician_jobs: 1 },
    });
  });

  it("dates appointment outcomes by the slot, with the booking's RO type and SA, once; a cancellation counts nowhere", () => {
    const slot = '2025-03-04T01:00:00Z';
    const state = emptyState();
    const booked = fold(
      [
        ev.booked({ appointmentId: 'A1', brand: '长安', roType: 'maintenance', serviceAdvisorId: 'sa1', slotStart: slot }, at(1)),
        ev.appointmentCancelled({ appointmentId: 'A1', brand: '长安' }, at(2)),
      ],
      state,
    );
    expect(booked.deltas).toEqual([]);
    const noShow = fold(
      [ev.noShow({ appointmentId: 'A1', brand: '长安', slotStart: slot }, at(5)), ev.arrived({ appointmentId: 'A1', brand: '长安', slotStart: slot }, at(5))],
      state,
    );
    expect(table(noShow.deltas)).toEqual({ '2025-03-04|长安|maintenance|sa1': { appointments_due: 1, appointments_no_show: 1 } });
    expect(table(fold([ev.arrived({ appointmentId: 'A9', brand: '长安', slotStart: slot }, at(4))]).deltas)).toEqual({
      '2025-03-04|长安||': { appointments_due: 1 },
    });
  });

  it('counts an on-time first call on the day the follow-up opened, once; CSI counts every call on its own day', () => {
    const state = emptyState();
    fold([ev.followUpOpened({ ...R1, firstCallDueOn: '2025-03-06' }, at(3))], state);
    const calls = fold(
      [
        ev.followUpCall({ ...R1, call: 'first', clerkId: 'clerk1', onTime: true, satisfaction: 5 }, at(6)),
        ev.followUpCall({ ...R1, call: 'second', clerkId: 'clerk1', onTime: false, satisfaction: 3 }, at(14)),
        ev.followUpCall(
          { repairOrderId: 'R7', brand: '长安', roType: 'repair', serviceAdvisorId: 'sa1', call: 'first', clerkId: 'clerk1', onTime: true, satisfaction: 4 },
          at(14),
        ),
      ],
      state,
    );
    expect(table(calls.deltas)).toEqual({
      '2025-03-06|长安|repair|sa1': { follow_up_calls: 1, follow_up_calls_satisfied: 1 },
      '2025-03-03|长安|repair|sa1': { follow_ups_on_time: 1 },
      '2025-03-14|长安|repair|sa1': { follow_up_calls: 2, follow_up_calls_satisfied: 1 },
    });
    expect(state.repairOrders.get('store-a\u0000R1')).toMatchObject({ follow_up_opened_on: '2025-03-03', first_call_on_time: true });
  });

  it('credits claims and complaints with the RO they name, and counts customers becoming loyal or lost by brand', () => {
    const state = emptyState();
    fold([ev.opened({ ...R1, roType: 'warranty' }, at(1))], state);
    const result = fold(
      [
        ev.claimApproved({ claimId: 'W1', repairOrderId: 'R1', brand: '长安', claimedFen: 10_000, approvedFen: 8_000 }, at(3)),
        ev.claimRejected({ claimId: 'W2', repairOrderId: 'R8', brand: '长安' }, at(3)),
        ev.complaint({ complaintId: 'C1', repairOrderId: 'R1', severity: 'major' }, at(3)),
        ev.followUpOverdue({ ...R1, roType: 'warranty', call: 'first', dueOn: '2025-03-03', lastDayOn: '2025-03-03' }, at(3)),
        ev.classified({ vin: 'LS5A3DKE0NA123456', brand: '长安', class: 'loyal', previousClass: 'general', lastVisitOn: '2025-03-03' }, at(3)),
        ev.classified({ vin: 'LS5A3DKE0NA654321', brand: '长安', class: 'lost', previousClass: 'loyal', lastVisitOn: '2024-03-01' }, at(3)),
      ],
      state,
    );
    expect(table(result.deltas)).toEqual({
      '2025-03-03|长安|warranty|sa1': { warranty_claims_decided: 1, warranty_claims_approved: 1, complaints: 1, major_complaints: 1, follow_ups_overdue: 1 },
      '2025-03-03|长安||': { warranty_claims_decided: 1, loyal_customers: 1, lost_customers: 1 },
    });
  });

  it("times a complaint's resolution in whole minutes on the resolution date, with the complaint's dimensions, once", () => {
    const state = emptyState();
    fold([ev.opened(R1, at(1)), ev.complaint({ complaintId: 'C1', repairOrderId: 'R1' }, '2025-03-03T10:00:00+08:00')], state);
    const resolved = fold(
      [
        ev.complaintResolved({ complaintId: 'C1', receivedAt: '2025-03-03T10:00:00+08:00' }, '2025-03-04T12:30:59+08:00'),
        ev.complaintResolved({ complaintId: 'C1', receivedAt: '2025-03-03T10:00:00+08:00' }, '2025-03-05T12:30:00+08:00'),
      ],
      state,
    );
    expect(table(resolved.deltas)).toEqual({ '2025-03-04|长安|repair|sa1': { complaints_resolved: 1, complaint_resolution_minutes: 1590 } });
    expect(resolved.complaints).toEqual([expect.objectContaining({ complaint_id: 'C1', resolved: true })]);
  });

  it('rejects event data that breaks its contract with a typed error (the runner parks it)', () => {
    const [bad] = recorded([ev.opened(R1, at(3))]);
    const broken = { ...bad!, data: { ...(bad!.data as object), roType: 'tuning' } };
    expect(() => foldWorkshopFacts([broken], emptyState(), zone)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
