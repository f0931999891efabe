import { event, workshop as w } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { localDate } from '../calendar/store-calendar.js';
import { type Appointment, type AppointmentCommand, type AppointmentEvent } from './appointment.state.js';

const at = (iso: string): number => new Date(iso).getTime();

export const decideAppointment =
  (timeZone: string) =>
  (command: AppointmentCommand, state: Appointment): AppointmentEvent[] | DomainError => {
    if (command.type === 'BookAppointment') {
      if (state.status !== 'none') return invalidTransition('APPOINTMENT_EXISTS', `appointment ${command.data.appointmentId} already exists`);
      const { slotStart, slotEnd } = command.data;
      if (at(slotEnd) <= at(slotStart)) return new DomainError('SLOT_END_BEFORE_START', 'the slot must end after it starts');
      if (at(slotStart) < at(command.metadata.now)) return new DomainError('SLOT_IN_THE_PAST', 'an appointment is booked for a future slot');
      return [event(w.AppointmentBooked, { ...command.data, slotDate: localDate(slotStart, timeZone) })];
    }
    if (state.status === 'none') return notFound('APPOINTMENT_NOT_FOUND', `no appointment ${command.data.appointmentId}`);
    // The no-show timer finds the appointment already settled most of the time: nothing to do then.
    if (command.type === 'CheckAppointmentNoShow') {
      return state.status === 'booked'
        ? [event(w.AppointmentNoShow, { appointmentId: command.data.appointmentId, brand: state.brand, slotStart: state.slotStart })]
        : [];
    }
    if (state.status !== 'booked') {
      return invalidTransition('APPOINTMENT_CLOSED', `appointment ${command.data.appointmentId} is already ${state.status}`, { status: state.status });
    }
    const { appointmentId } = command.data;
    switch (command.type) {
      case 'RecordAppointmentArrival':
        return [
          event(w.AppointmentArrived, { appointmentId, brand: state.brand, slotStart: state.slotStart, late: at(command.metadata.now) > at(state.slotEnd) }),
        ];
      case 'RecordAppointmentNoShow':
        if (at(command.metadata.now) < at(state.slotStart)) {
          return new DomainError('SLOT_NOT_STARTED', 'a no-show is recorded only once the slot has started', { slotStart: state.slotStart });
        }
        return [event(w.AppointmentNoShow, { appointmentId, brand: state.brand, slotStart: state.slotStart })];
      case 'CancelAppointment':
        return [event(w.AppointmentCancelled, { appointmentId, brand: state.brand, reason: command.data.reason })];
      default:
        return unreachable(command);
    }
  };
