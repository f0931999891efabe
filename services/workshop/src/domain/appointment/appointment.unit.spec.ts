import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { command, VIN } from '../../../test/builders.js';
import { appointmentDecider, type AppointmentEvent } from './appointment.decider.js';

const spec = deciderSpec(appointmentDecider('Asia/Shanghai'));
const booking = {
  appointmentId: 'ap-1',
  customerId: 'cust-1',
  customerName: '王芳',
  customerPhone: '13800138000',
  vin: VIN,
  brand: '长安',
  roType: 'maintenance' as const,
  slotStart: '2026-03-31T23:30:00Z',
  slotEnd: '2026-04-01T00:30:00Z',
  source: 'inbound_call' as const,
};
const booked: AppointmentEvent = { type: 'AppointmentBooked', data: { ...booking, slotDate: '2026-04-01' } };
const id = { appointmentId: 'ap-1' };

describe('appointment decider', () => {
  it('books a future slot, dated in the store time zone (23:30 UTC is the next day in Shanghai)', () => {
    spec
      .given([])
      .when(command('BookAppointment', booking, { now: '2026-03-30T10:00:00+08:00' }))
      .thenEvents([booked]);
  });

  it('refuses a slot in the past, a slot that ends before it starts, and a second booking', () => {
    spec
      .given([])
      .when(command('BookAppointment', booking, { now: '2026-04-02T10:00:00+08:00' }))
      .thenError('SLOT_IN_THE_PAST');
    spec
      .given([])
      .when(command('BookAppointment', { ...booking, slotEnd: booking.slotStart }, { now: '2026-03-30T10:00:00+08:00' }))
      .thenError('SLOT_END_BEFORE_START');
    spec
      .given([booked])
      .when(command('BookAppointment', booking, { now: '2026-03-30T10:00:00+08:00' }))
      .thenError('APPOINTMENT_EXISTS', 'INVALID_TRANSITION');
  });

  it('records an arrival, late when after the slot', () => {
    spec
      .given([booked])
      .when(command('RecordAppointmentArrival', id, { now: '2026-04-01T07:40:00+08:00' }))
      .thenEvents([{ type: 'AppointmentArrived', data: { appointmentId: 'ap-1', brand: '长安', slotStart: booking.slotStart, late: false } }]);
    spec
      .given([booked])
      .when(command('RecordAppointmentArrival', id, { now: '2026-04-01T09:00:00+08:00' }))
      .thenEvents([{ type: 'AppointmentArrived', data: { appointmentId: 'ap-1', brand: '长安', slotStart: booking.slotStart, late: true } }]);
  });

  it('records a no-show only once the slot has started', () => {
    spec
      .given([booked])
      .when(command('RecordAppointmentNoShow', id, { now: '2026-04-01T07:00:00+08:00' }))
      .thenError('SLOT_NOT_STARTED');
    spec
      .given([booked])
      .when(command('RecordAppointmentNoShow', id, { now: '2026-04-01T08:30:00+08:00' }))
      .thenEvents([{ type: 'AppointmentNoShow', data: { appointmentId: 'ap-1', brand: '长安', slotStart: booking.slotStart } }]);
  });

  it('lets the no-show timer record a no-show only while the appointment is still booked', () => {
    const check = command('CheckAppointmentNoShow', id, { now: '2026-04-01T10:30:00+08:00' });
    spec
      .given([booked])
      .when(check)
      .thenEvents([{ type: 'AppointmentNoShow', data: { appointmentId: 'ap-1', brand: '长安', slotStart: booking.slotStart } }]);
    const arrived: AppointmentEvent = { type: 'AppointmentArrived', data: { appointmentId: 'ap-1', brand: '长安', slotStart: booking.slotStart, late: false } };
    spec.given([booked, arrived]).when(check).thenEvents([]);
    spec.given([]).when(check).thenError('APPOINTMENT_NOT_FOUND');
  });

  it('cancels a booked appointment; a closed one takes no further command', () => {
    spec
      .given([booked])
      .when(command('CancelAppointment', { ...id, reason: 'Car sold' }))
      .thenEvents([{ type: 'AppointmentCancelled', data: { appointmentId: 'ap-1', brand: '长安', reason: 'Car sold' } }]);
    const cancelled: AppointmentEvent = { type: 'AppointmentCancelled', data: { appointmentId: 'ap-1', brand: '长安', reason: 'x' } };
    spec.given([booked, cancelled]).when(command('RecordAppointmentArrival', id)).thenError('APPOINTMENT_CLOSED', 'INVALID_TRANSITION');
    spec
      .given([])
      .when(command('CancelAppointment', { ...id, reason: 'x' }))
      .thenError('APPOINTMENT_NOT_FOUND', 'NOT_FOUND');
  });
});
