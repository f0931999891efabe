import { z } from 'zod';
import { employeeId, entityId, money } from '../common.js';

// Value schemas shared by the parts context's events and commands (docs/domain/parts.md).

export const PARTS_CONTEXT = 'parts';

/** Roles that send parts commands; `system` is the service's own reactions (transfers received). */
export const partsRoles = {
  partsClerk: 'parts_clerk',
  partsManager: 'parts_manager',
  accessorySales: 'accessory_sales',
  serviceAdvisor: 'service_advisor',
  serviceManager: 'service_manager',
  generalManager: 'general_manager',
  admin: 'admin',
  system: 'system',
} as const;

/** Roles that may approve an accessory discount above the seller's authority. */
export const DISCOUNT_APPROVER_ROLES = [partsRoles.partsManager, partsRoles.serviceManager, partsRoles.generalManager, partsRoles.admin] as const;

export const PART_KINDS = ['genuine', 'accessory', 'care_product'] as const;
export const partKind = z.enum(PART_KINDS).describe('genuine (纯正配件), accessory (精品) or care_product (养护产品)');
export type PartKind = z.infer<typeof partKind>;

export const partNumber = entityId.describe('Part number (SKU); the stream is parts-part-<partNumber>');
export const partName = z.string().min(1).max(200).describe('Part description');
export const binCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/)
  .describe('Storage bin (货位), e.g. A-01-03');
export const purchaseOrderId = entityId.describe('Purchase order id (the stream is parts-purchaseorder-<purchaseOrderId>)');
export const transferId = entityId.describe('Transfer id, chosen by the sending store; unique in the group');
export const saleId = entityId.describe('Counter or accessory sale id');
export const repairOrderRef = entityId.describe("Workshop repair order id the parts are issued to (the workshop's repairOrderId)");
export const storeRef = entityId.describe('Store id within the group');
export const partsStaffId = employeeId.describe('Employee id of the parts staff member');

/** A quantity moved: whole units, at least one. */
export const quantity = z.int().min(1).max(100_000).describe('Quantity in units, at least 1');
/** A quantity on hand: never negative. */
export const onHand = z.int().min(0).describe('Units on hand after the movement, never negative');

export const COUNT_REASONS = ['damaged', 'lost', 'found', 'miscount', 'expired', 'other'] as const;
export const countReason = z.enum(COUNT_REASONS).describe('Why the count differs: damaged, lost, found, miscount, expired or other');

/** What every stock movement event carries so projections never join streams. */
export const movementFields = {
  partNumber,
  kind: partKind,
  brand: z.string().min(1).max(64).describe('Vehicle brand the part is for'),
  bin: binCode,
  quantity,
  cost: money.describe('Value at cost of the units moved (moving average), in fen'),
  onHand: onHand.describe('Units on hand in the store (all bins) after the movement'),
  binOnHand: onHand.describe('Units on hand in this bin after the movement'),
  stockValue: money.describe('Stock value of the part at cost after the movement'),
};
