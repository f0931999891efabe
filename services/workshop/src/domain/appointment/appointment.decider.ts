import { type Decider } from '@rooftop/eventsourcing';
import { decideAppointment } from './appointment.decide.js';
import { type Appointment, type AppointmentCommand, type AppointmentEvent, evolveAppointment, initialAppointment } from './appointment.state.js';

export * from './appointment.state.js';

export const appointmentDecider = (timeZone: string): Decider<AppointmentCommand, Appointment, AppointmentEvent> => ({
  decide: decideAppointment(timeZone),
  evolve: evolveAppointment,
  initialState: initialAppointment,
});
