import { describe, expect, it } from 'vitest';
import { settings, VIN } from '../../test/builders.js';
import { type TimedEvent, timersFor } from './timers.js';

const dims = { repairOrderId: 'ro-1', brand: '长安', roType: 'maintenance' as const, serviceAdvisorId: 'sa-1' };
const summary = (e: TimedEvent) => timersFor(e, settings).map((t) => ({ key: t.key, dueAt: t.dueAt.toISOString(), type: t.type, data: t.data }));

describe('timers', () => {
  it('checks for a no-show the set minutes after the slot ends', () => {
    const booked: TimedEvent = {
      type: 'AppointmentBooked',
      occurredAt: '2026-03-30T10:00:00+08:00',
      data: {
        appointmentId: 'ap-1',
        customerId: 'c',
        customerName: '王芳',
        customerPhone: '13800138000',
        brand: '长安',
        roType: 'maintenance',
        slotStart: '2026-04-01T09:00:00+08:00',
        slotEnd: '2026-04-01T10:00:00+08:00',
        source: 'online',
        slotDate: '2026-04-01',
      },
    };
    expect(summary(booked)).toEqual([
      { key: 'no-show:ap-1', dueAt: '2026-04-01T04:00:00.000Z', type: 'CheckAppointmentNoShow', data: { appointmentId: 'ap-1' } },
    ]);
  });

  it('starts the follow-up and the service history at release', () => {
    const released: TimedEvent = {
      type: 'VehicleReleased',
      occurredAt: '2026-03-01T23:30:00Z',
      data: { ...dims, vin: VIN, model: 'CS75', customerId: 'cust-1', mileageKm: 100, releasedOn: '2026-03-02', releasedBy: 'sa-1' },
    };
    const timers = summary(released);
    expect(timers.map((t) => [t.key, t.dueAt, t.type])).toEqual([
      ['followup-open:ro-1', '2026-03-01T23:30:00.000Z', 'OpenFollowUp'],
      ['service-visit:ro-1', '2026-03-01T23:30:00.000Z', 'RecordServiceVisit'],
    ]);
    expect(timers[0]!.data).toEqual({ ...dims, vin: VIN, customerId: 'cust-1', releasedAt: '2026-03-01T23:30:00Z' });
    expect(timers[1]!.data).toMatchObject({ visitedOn: '2026-03-02', roType: 'maintenance' });
  });

  it('checks the first call at the start of its due day and its deadline at the end, Shanghai midnight', () => {
    const opened: TimedEvent = {
      type: 'FollowUpOpened',
      occurredAt: '2026-03-31T10:00:00+08:00',
      data: { ...dims, vin: VIN, customerId: 'cust-1', releasedOn: '2026-03-31', firstCallDueOn: '2026-04-03' },
    };
    expect(summary(opened).map((t) => [t.key, t.dueAt, t.data.check])).toEqual([
      ['followup-due:ro-1:first', '2026-04-02T16:00:00.000Z', 'due'],
      ['followup-deadline:ro-1:first', '2026-04-03T16:00:00.000Z', 'deadline'],
    ]);
  });

  it('opens the second window a week after the first call and escalates an open issue 2 days later', () => {
    const call: TimedEvent = {
      type: 'FollowUpCallCompleted',
      occurredAt: '2026-03-27T15:00:00+08:00',
      data: {
        ...dims,
        call: 'first',
        clerkId: 'c',
        calledOn: '2026-03-27',
        calledAt: '2026-03-27T15:00:00+08:00',
        onTime: true,
        satisfaction: 2,
        satisfied: false,
        issues: ['x'],
        issueOpen: true,
      },
    };
    expect(summary(call).map((t) => [t.key, t.dueAt])).toEqual([
      ['followup-escalation:ro-1:first', '2026-03-29T07:00:00.000Z'],
      ['followup-due:ro-1:second', '2026-04-02T16:00:00.000Z'],
      ['followup-deadline:ro-1:second', '2026-04-09T16:00:00.000Z'],
    ]);
    const second: TimedEvent = { ...call, data: { ...call.data, call: 'second', issueOpen: false } } as TimedEvent;
    expect(summary(second)).toEqual([]);
  });

  it('reminds 14 days ahead and on the due date at 09:00 store time, skipping an advance day already past', () => {
    const due: TimedEvent = {
      type: 'MaintenanceDueSet',
      occurredAt: '2026-01-10T12:00:00+08:00',
      data: { vin: VIN, customerId: 'cust-1', dueOn: '2026-04-10', basis: 'first_service' },
    };
    expect(summary(due).map((t) => [t.key, t.dueAt])).toEqual([
      [`reminder:${VIN}:2026-04-10:advance`, '2026-03-27T01:00:00.000Z'],
      [`reminder:${VIN}:2026-04-10:due_date`, '2026-04-10T01:00:00.000Z'],
    ]);
    const late: TimedEvent = { ...due, occurredAt: '2026-04-01T12:00:00+08:00' };
    expect(summary(late).map((t) => t.key)).toEqual([`reminder:${VIN}:2026-04-10:due_date`]);
  });

  it('checks for a lost customer 12 months after delivery or the last visit', () => {
    const registered: TimedEvent = {
      type: 'VehicleRegistered',
      occurredAt: '2026-01-31T12:00:00+08:00',
      data: { vin: VIN, brand: '长安', model: 'CS75', customerId: 'cust-1', contactConsent: true, deliveredOn: '2026-01-31', source: 'sales_delivery' },
    };
    expect(summary(registered)).toEqual([
      { key: `lapse:${VIN}:2026-01-31`, dueAt: '2027-01-30T16:00:00.000Z', type: 'CheckCustomerLapsed', data: { vin: VIN, lastVisitOn: '2026-01-31' } },
    ]);
    const walkIn: TimedEvent = { ...registered, data: { ...registered.data, source: 'workshop_visit' } } as TimedEvent;
    delete (walkIn.data as { deliveredOn?: string }).deliveredOn;
    expect(summary(walkIn)).toEqual([]);
  });
});
