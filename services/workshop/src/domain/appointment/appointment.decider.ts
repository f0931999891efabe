import { type Decider } from '@rooftop/eventsourcing';
import { evolveAppointment } from './appointment.evolve.js';
import { decideAppointment } from './appointment.decide.js';
import { type Appointment, type AppointmentCommand, type AppointmentEvent, initialAppointment } from './appointment.state.js';

export * from './appointment.state.js';
export { evolveAppointment } from './appointment.evolve.js';

export const appointmentDecider = (timeZone: string): Decider<AppointmentCommand, Appointment, AppointmentEvent> => ({
  decide: decideAppointment(timeZone),
  evolve: evolveAppointment,
  initialState: initialAppointment,
});
