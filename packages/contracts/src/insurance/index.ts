import { defineContext } from '../registry.js';
import { claimCommands, claimEvents } from './claim.js';
import { policyCommands } from './policy.commands.js';
import { policyEvents } from './policy.events.js';
import { INSURANCE_CONTEXT } from './values.js';

export * from './values.js';
export * from './policy.events.js';
export * from './policy.commands.js';
export * from './claim.js';

export const insuranceEvents = [...policyEvents, ...claimEvents] as const;
export const insuranceCommands = [...policyCommands, ...claimCommands] as const;

/** New-car policies, the renewal pipeline and claim repairs (docs/domain/insurance.md). */
export const insuranceContracts = defineContext({
  context: INSURANCE_CONTEXT,
  description: 'Insurance: new-car policies sold at delivery, the renewal pipeline, and accident claims repaired at the store.',
  events: insuranceEvents,
  commands: insuranceCommands,
});
