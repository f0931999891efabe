import { type CommandUnion, type EventUnion, type workshop as w } from '@rooftop/contracts';

export type AppointmentEvent = EventUnion<typeof w.appointmentEvents>;

export type AppointmentCommand = CommandUnion<typeof w.appointmentCommands>;

export type Appointment =
  | { readonly status: 'none' }
  | { readonly status: 'booked' | 'arrived' | 'no_show' | 'cancelled'; readonly brand: string; readonly slotStart: string; readonly slotEnd: string };

export const initialAppointment = (): Appointment => ({ status: 'none' });
