import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { brand, money } from '../common.js';
import { PARTS_CONTEXT, partKind, partName, partNumber, partsRoles as r } from './values.js';

// The part master (配件主数据): one stream per part number in a store, which also holds its stock.

const master = {
  partNumber,
  name: partName,
  kind: partKind,
  brand,
  cost: money.describe('Standard cost per unit (purchase price), in fen'),
  price: money.describe('Retail price per unit, in fen'),
  reorderPoint: z.int().min(0).max(100_000).describe('Low-stock threshold: the part is on the low-stock list when on hand ≤ this'),
};

export const PartRegistered = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartRegistered',
  description: 'A part joined the store part master (or arrived by transfer from a sister store).',
  schema: z.object(master),
});

export const PartRepriced = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartRepriced',
  description: 'The part’s standard cost, retail price or reorder point changed; stock already held keeps its value at cost.',
  schema: z.object({ partNumber: master.partNumber, cost: master.cost, price: master.price, reorderPoint: master.reorderPoint }),
});

const managers = [r.partsManager, r.generalManager, r.admin];

export const RegisterPart = defineCommand({
  context: PARTS_CONTEXT,
  type: 'RegisterPart',
  description: 'Add a part to the part master with its kind, cost, price and reorder point.',
  roles: managers,
  internal: false,
  schema: z.strictObject(master),
});

export const RepricePart = defineCommand({
  context: PARTS_CONTEXT,
  type: 'RepricePart',
  description: 'Change a part’s standard cost, retail price or reorder point.',
  roles: managers,
  internal: false,
  schema: z.strictObject({ partNumber: master.partNumber, cost: master.cost, price: master.price, reorderPoint: master.reorderPoint }),
});

export const partEvents = [PartRegistered, PartRepriced] as const;
export const partCommands = [RegisterPart, RepricePart] as const;
