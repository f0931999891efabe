import { type workshop as w } from '@rooftop/contracts';
import { type CommandOf, type EventOf } from '../messages.js';

export type AppointmentEvent =
  | EventOf<typeof w.AppointmentBooked>
  | EventOf<typeof w.AppointmentArrived>
  | EventOf<typeof w.AppointmentNoShow>
  | EventOf<typeof w.AppointmentCancelled>;

export type AppointmentCommand =
  | CommandOf<typeof w.BookAppointment>
  | CommandOf<typeof w.RecordAppointmentArrival>
  | CommandOf<typeof w.RecordAppointmentNoShow>
  | CommandOf<typeof w.CancelAppointment>
  | CommandOf<typeof w.CheckAppointmentNoShow>;

export type Appointment =
  | { readonly status: 'none' }
  | { readonly status: 'booked' | 'arrived' | 'no_show' | 'cancelled'; readonly brand: string; readonly slotStart: string; readonly slotEnd: string };

export const initialAppointment = (): Appointment => ({ status: 'none' });
