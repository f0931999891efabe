import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { money, note } from '../common.js';
import {
  PARTS_CONTEXT,
  binCode,
  countReason,
  movementFields,
  onHand,
  partNumber,
  partsRoles as r,
  partsStaffId,
  quantity,
  repairOrderRef,
  saleId,
} from './values.js';

// Stock movements out of and back into a part's stock. Every event carries the part's kind and brand, the
// cost of the units moved and the stock after the move, so KPI and list projections never join streams.

const priced = { amount: money.describe('Retail value of the units (price × quantity), in fen') };

export const PartsIssuedToRepairOrder = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartsIssuedToRepairOrder',
  description: 'Parts left the store for a repair order (领料出库) at cost and at price; the RO’s parts total comes from these.',
  schema: z.object({ ...movementFields, repairOrderId: repairOrderRef, ...priced, issuedBy: partsStaffId }),
});

export const PartsReturnedFromRepairOrder = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartsReturnedFromRepairOrder',
  description: 'Unused parts came back from a repair order (退料), at the cost and price they were issued at.',
  schema: z.object({ ...movementFields, repairOrderId: repairOrderRef, ...priced, returnedBy: partsStaffId }),
});

export const PartsSoldOverCounter = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartsSoldOverCounter',
  description: 'Parts sold over the counter (柜台销售) at list price.',
  schema: z.object({ ...movementFields, saleId, ...priced, soldBy: partsStaffId }),
});

export const AccessorySold = defineEvent({
  context: PARTS_CONTEXT,
  type: 'AccessorySold',
  description: 'An accessory or care product was sold (精品销售); a discount above the seller’s authority names its approver.',
  schema: z.object({
    ...movementFields,
    saleId,
    ...priced,
    discount: money.describe('Discount granted, in fen'),
    net: money.describe('amount − discount'),
    soldBy: partsStaffId,
    approvedBy: partsStaffId.optional().describe('Manager who approved a discount above the seller’s authority'),
  }),
});

export const StockCounted = defineEvent({
  context: PARTS_CONTEXT,
  type: 'StockCounted',
  description: 'A bin was counted (盘点); a difference adjusts stock by `adjustment` units at average cost, with a reason.',
  schema: z.object({
    partNumber: movementFields.partNumber,
    kind: movementFields.kind,
    brand: movementFields.brand,
    bin: binCode,
    counted: onHand.describe('Units counted in the bin'),
    adjustment: z.int().describe('counted − units the bin held (negative = shrinkage)'),
    costDelta: z.int().describe('Change of stock value at cost, in fen (negative for shrinkage)'),
    onHand: movementFields.onHand,
    binOnHand: movementFields.binOnHand,
    stockValue: movementFields.stockValue,
    reason: countReason,
    note: note.optional(),
    countedBy: partsStaffId,
  }),
});

export const PartDemandUnmet = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartDemandUnmet',
  description: 'A part was asked for and could not be supplied from stock (缺件); the denominator of fill rate needs it.',
  schema: z.object({
    partNumber,
    quantity,
    kind: movementFields.kind.optional().describe('Kind, when the part is in the part master'),
    brand: movementFields.brand.optional(),
    repairOrderId: repairOrderRef.optional().describe('The repair order that needed it, if any'),
    note: note.optional(),
    recordedBy: partsStaffId,
  }),
});

const counter = [r.partsClerk, r.partsManager, r.admin];

export const IssuePartsToRepairOrder = defineCommand({
  context: PARTS_CONTEXT,
  type: 'IssuePartsToRepairOrder',
  description: 'Issue parts from a bin to an open repair order; rejected for an invoiced or released RO and beyond stock.',
  roles: counter,
  internal: false,
  schema: z.strictObject({ repairOrderId: repairOrderRef, partNumber, quantity, bin: binCode }),
});

export const ReturnPartsFromRepairOrder = defineCommand({
  context: PARTS_CONTEXT,
  type: 'ReturnPartsFromRepairOrder',
  description: 'Take unused parts back from an open repair order into a bin; at most what was issued to it.',
  roles: counter,
  internal: false,
  schema: z.strictObject({ repairOrderId: repairOrderRef, partNumber, quantity, bin: binCode }),
});

export const SellPartsOverCounter = defineCommand({
  context: PARTS_CONTEXT,
  type: 'SellPartsOverCounter',
  description: 'Sell parts over the counter at list price.',
  roles: counter,
  internal: false,
  schema: z.strictObject({ saleId, partNumber, quantity, bin: binCode }),
});

export const SellAccessory = defineCommand({
  context: PARTS_CONTEXT,
  type: 'SellAccessory',
  description: 'Sell an accessory or care product; a discount above the seller’s authority must be sent by an approving manager.',
  roles: [r.accessorySales, ...counter, r.serviceManager, r.generalManager],
  internal: false,
  schema: z.strictObject({ saleId, partNumber, quantity, bin: binCode, discount: money.describe('Discount on the sale, in fen') }),
});

export const CountStock = defineCommand({
  context: PARTS_CONTEXT,
  type: 'CountStock',
  description: 'Record a bin count; a difference adjusts stock with a reason.',
  roles: [r.partsClerk, r.partsManager, r.admin],
  internal: false,
  schema: z.strictObject({ partNumber, bin: binCode, counted: onHand.describe('Units counted in the bin'), reason: countReason, note: note.optional() }),
});

export const RecordUnmetDemand = defineCommand({
  context: PARTS_CONTEXT,
  type: 'RecordUnmetDemand',
  description: 'Record that a part was asked for and could not be supplied from stock.',
  roles: [...counter, r.serviceAdvisor, r.accessorySales],
  internal: false,
  schema: z.strictObject({ partNumber, quantity, repairOrderId: repairOrderRef.optional(), note: note.optional() }),
});

export const movementEvents = [
  PartsIssuedToRepairOrder,
  PartsReturnedFromRepairOrder,
  PartsSoldOverCounter,
  AccessorySold,
  StockCounted,
  PartDemandUnmet,
] as const;
export const movementCommands = [
  IssuePartsToRepairOrder,
  ReturnPartsFromRepairOrder,
  SellPartsOverCounter,
  SellAccessory,
  CountStock,
  RecordUnmetDemand,
] as const;
