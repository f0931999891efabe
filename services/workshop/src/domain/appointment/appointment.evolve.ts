import { unreachable } from '@rooftop/eventsourcing';
import { type Appointment, type AppointmentEvent } from './appointment.state.js';

export const evolveAppointment = (state: Appointment, event: AppointmentEvent): Appointment => {
  switch (event.type) {
    case 'AppointmentBooked':
      return { status: 'booked', brand: event.data.brand, slotStart: event.data.slotStart, slotEnd: event.data.slotEnd };
    case 'AppointmentArrived':
      return state.status === 'none' ? state : { ...state, status: 'arrived' };
    case 'AppointmentNoShow':
      return state.status === 'none' ? state : { ...state, status: 'no_show' };
    case 'AppointmentCancelled':
      return state.status === 'none' ? state : { ...state, status: 'cancelled' };
    default:
      return unreachable(event);
  }
};
