import { defineContext } from '../registry.js';
import { commissionCommands, commissionEvents } from './commission.js';
import { employeeEvents } from './employee.events.js';
import { employeeCommands, staffingCommands } from './hr.commands.js';
import { staffingEvents } from './staffing.events.js';
import { trainingCommands, trainingEvents } from './training.js';
import { HR_CONTEXT } from './values.js';

export * from './values.js';
export * from './staffing.events.js';
export * from './employee.events.js';
export * from './hr.commands.js';
export * from './training.js';
export * from './commission.js';

export const hrEvents = [...staffingEvents, ...employeeEvents, ...trainingEvents, ...commissionEvents] as const;
export const hrCommands = [...staffingCommands, ...employeeCommands, ...trainingCommands, ...commissionCommands] as const;

/** Departments, staffing plan, employees, onboarding, training and appraisals (docs/domain/hr.md). */
export const hrContracts = defineContext({
  context: HR_CONTEXT,
  description: 'HR: departments and staffing plan, hires to leavers, onboarding, training sessions, monthly appraisals and commission statements.',
  events: hrEvents,
  commands: hrCommands,
});
