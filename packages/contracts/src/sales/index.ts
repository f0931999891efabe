import { defineContext } from '../registry.js';
import { leadCommands } from './lead.commands.js';
import { leadEvents } from './lead.events.js';
import { orderCommands } from './order.commands.js';
import { orderEvents } from './order.events.js';
import { targetCommands } from './target.commands.js';
import { targetEvents } from './target.events.js';
import { SALES_CONTEXT } from './values.js';

export * from './values.js';
export * from './lead.events.js';
export * from './order.events.js';
export * from './target.events.js';
export * from './lead.commands.js';
export * from './order.commands.js';
export * from './target.commands.js';

export const salesEvents = [...leadEvents, ...orderEvents, ...targetEvents] as const;
export const salesCommands = [...leadCommands, ...orderCommands, ...targetCommands] as const;

/** Leads, orders, deliveries, customer ownership and targets of new-vehicle sales (docs/domain/sales.md). */
export const salesContracts = defineContext({
  context: SALES_CONTEXT,
  description: 'New-vehicle sales: leads to deliveries, customer ownership, monthly targets.',
  events: salesEvents,
  commands: salesCommands,
});
