import { defineContext } from '../registry.js';
import { appointmentCommands, appointmentEvents } from './appointment.js';
import { claimCommands, claimEvents } from './claims.js';
import { followUpCommands, followUpEvents } from './follow-up.js';
import { repairOrderCommands } from './repair-order.commands.js';
import { repairOrderEvents } from './repair-order.events.js';
import { rosterCommands, rosterEvents } from './roster.js';
import { vehicleCommands, vehicleEvents } from './vehicle.js';
import { WORKSHOP_CONTEXT } from './values.js';

export * from './values.js';
export * from './appointment.js';
export * from './repair-order.events.js';
export * from './repair-order.commands.js';
export * from './roster.js';
export * from './claims.js';
export * from './vehicle.js';
export * from './follow-up.js';

export const workshopEvents = [...appointmentEvents, ...repairOrderEvents, ...rosterEvents, ...claimEvents, ...vehicleEvents, ...followUpEvents] as const;

export const workshopCommands = [
  ...appointmentCommands,
  ...repairOrderCommands,
  ...rosterCommands,
  ...claimCommands,
  ...vehicleCommands,
  ...followUpCommands,
] as const;

/** Appointments, repair orders, warranty claims, complaints, vehicle files, follow-ups and reminders (docs/domain/workshop.md). */
export const workshopContracts = defineContext({
  context: WORKSHOP_CONTEXT,
  description: 'After-sales workshop: appointments, repair orders, warranty claims, complaints, vehicle files, follow-ups and reminders.',
  events: workshopEvents,
  commands: workshopCommands,
});
