import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { personName } from '../common.js';
import { WORKSHOP_CONTEXT, technicianGrade, technicianId, technicianTrade, workshopRoles as r } from './values.js';

// The store's technician roster (one stream per store): the dispatcher may only assign active technicians.

export const TechnicianRegistered = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'TechnicianRegistered',
  description: 'A technician joined the workshop roster (or had trade/grade updated).',
  personalData: ['name'],
  schema: z.object({ technicianId, name: personName.describe("Technician's name (personal data)"), trade: technicianTrade, grade: technicianGrade }),
});

export const TechnicianDeactivated = defineEvent({
  context: WORKSHOP_CONTEXT,
  type: 'TechnicianDeactivated',
  description: 'A technician left the roster and can no longer be dispatched.',
  schema: z.object({ technicianId }),
});

const managers = [r.serviceManager, r.generalManager, r.admin];

export const RegisterTechnician = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'RegisterTechnician',
  description: 'Add a technician to the roster, or update their trade and grade.',
  roles: managers,
  internal: false,
  schema: z.strictObject({ technicianId, name: personName.describe("Technician's name"), trade: technicianTrade, grade: technicianGrade }),
});

export const DeactivateTechnician = defineCommand({
  context: WORKSHOP_CONTEXT,
  type: 'DeactivateTechnician',
  description: 'Remove a technician from the roster.',
  roles: managers,
  internal: false,
  schema: z.strictObject({ technicianId }),
});

export const rosterEvents = [TechnicianRegistered, TechnicianDeactivated] as const;
export const rosterCommands = [RegisterTechnician, DeactivateTechnician] as const;
