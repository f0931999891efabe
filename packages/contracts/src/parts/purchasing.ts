import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { money, positiveMoney } from '../common.js';
import { PARTS_CONTEXT, binCode, movementFields, partNumber, partsRoles as r, purchaseOrderId, quantity } from './values.js';

// Purchasing: a purchase order (its own stream) and the receipts against it (on each part's stream).

const orderLine = z.object({ partNumber, quantity, unitCost: positiveMoney.describe('Agreed cost per unit, in fen') }).describe('One ordered part');

export const PurchaseOrderPlaced = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PurchaseOrderPlaced',
  description: 'A purchase order was sent to the supplier (usually the OEM parts centre).',
  schema: z.object({
    purchaseOrderId,
    supplier: z.string().min(1).max(100).describe('Supplier name'),
    lines: z.array(orderLine).min(1).describe('Ordered parts, one line per part number'),
    total: money.describe('Σ quantity × unit cost'),
  }),
});

export const PartsReceived = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartsReceived',
  description: 'Parts of a purchase order arrived and were put into a bin (入库); counts as purchasing at cost.',
  schema: z.object({ ...movementFields, purchaseOrderId }),
});

const buyers = [r.partsClerk, r.partsManager, r.admin];

export const PlacePurchaseOrder = defineCommand({
  context: PARTS_CONTEXT,
  type: 'PlacePurchaseOrder',
  description: 'Place a purchase order with its lines; each part number at most once.',
  roles: buyers,
  internal: false,
  schema: z.strictObject({
    purchaseOrderId,
    supplier: z.string().min(1).max(100).describe('Supplier name'),
    lines: z.array(orderLine).min(1).max(200).describe('Ordered parts, one line per part number'),
  }),
});

export const ReceiveParts = defineCommand({
  context: PARTS_CONTEXT,
  type: 'ReceiveParts',
  description: 'Receive (part of) an ordered line into a bin; never more than ordered.',
  roles: buyers,
  internal: false,
  schema: z.strictObject({ purchaseOrderId, partNumber, quantity, bin: binCode }),
});

export const purchasingEvents = [PurchaseOrderPlaced, PartsReceived] as const;
export const purchasingCommands = [PlacePurchaseOrder, ReceiveParts] as const;
