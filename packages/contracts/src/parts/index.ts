import { defineContext } from '../registry.js';
import { movementCommands, movementEvents } from './movements.js';
import { partCommands, partEvents } from './part.js';
import { PartsReceived, PlacePurchaseOrder, PurchaseOrderPlaced, purchasingCommands, purchasingEvents, ReceiveParts } from './purchasing.js';
import { transferCommands, transferEvents } from './transfer.js';
import { PARTS_CONTEXT } from './values.js';

export * from './values.js';
export * from './part.js';
export * from './purchasing.js';
export * from './movements.js';
export * from './transfer.js';

export const partsEvents = [...partEvents, ...purchasingEvents, ...movementEvents, ...transferEvents] as const;
export const partsCommands = [...partCommands, ...purchasingCommands, ...movementCommands, ...transferCommands] as const;

// By stream: a purchase order is its own stream; everything else acts on one part's stream (its master and stock).
export const purchaseOrderEvents = [PurchaseOrderPlaced] as const;
export const purchaseOrderCommands = [PlacePurchaseOrder] as const;
export const partStreamEvents = [...partEvents, PartsReceived, ...movementEvents, ...transferEvents] as const;
export const partStreamCommands = [...partCommands, ReceiveParts, ...movementCommands, ...transferCommands] as const;

/** Part master, stock per bin, purchasing, issues to repair orders, sales, counts, transfers and unmet demand (docs/domain/parts.md). */
export const partsContracts = defineContext({
  context: PARTS_CONTEXT,
  description:
    'Parts and accessories: part master, stock per bin, purchasing, issues to repair orders, counter and accessory sales, counts, transfers between stores, unmet demand.',
  events: partsEvents,
  commands: partsCommands,
});
