import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { brand, money } from '../common.js';
import { PARTS_CONTEXT, binCode, movementFields, partKind, partName, partNumber, partsRoles as r, quantity, storeRef, transferId } from './values.js';

// Parts shared between stores of the group (备件共享). The sending store ships (its stock goes down once, on
// its part stream); the event reaches the receiving store over JetStream, whose durable reaction receives it
// (its stock goes up once: the transfer id is remembered on the part stream, so a redelivery appends nothing).

export const PartsTransferShipped = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartsTransferShipped',
  description: 'Parts left this store for a sister store of the group; carries the part master so the receiver can file it.',
  schema: z.object({
    ...movementFields,
    transferId,
    toStoreId: storeRef.describe('Receiving store'),
    name: partName,
    price: money.describe('Retail price per unit at the sending store'),
    shippedBy: z.string().min(1).max(64).describe('Employee id of the sender'),
  }),
});

export const PartsTransferReceived = defineEvent({
  context: PARTS_CONTEXT,
  type: 'PartsTransferReceived',
  description: 'Parts shipped by a sister store arrived here, at the sender’s cost (exactly once per transfer).',
  schema: z.object({ ...movementFields, transferId, fromStoreId: storeRef.describe('Sending store') }),
});

export const TransferParts = defineCommand({
  context: PARTS_CONTEXT,
  type: 'TransferParts',
  description: 'Ship parts from a bin to another store of the group (must be a known store, not this one).',
  roles: [r.partsClerk, r.partsManager, r.admin],
  schema: z.strictObject({ transferId, partNumber, quantity, bin: binCode, toStoreId: storeRef }),
});

export const ReceiveTransferredParts = defineCommand({
  context: PARTS_CONTEXT,
  type: 'ReceiveTransferredParts',
  description: 'Book parts shipped by a sister store into stock; sent by the service’s own reaction to PartsTransferShipped.',
  roles: [r.system],
  internal: true,
  schema: z.strictObject({
    transferId,
    fromStoreId: storeRef,
    partNumber,
    name: partName,
    kind: partKind,
    brand,
    quantity,
    cost: money.describe('Value at the sender’s cost of the units shipped'),
    unitCost: money.describe('Sender’s standard cost per unit (for a part new to this store)'),
    price: money.describe('Sender’s retail price per unit (for a part new to this store)'),
    bin: binCode.describe('Bin to put the parts in'),
  }),
});

export const transferEvents = [PartsTransferShipped, PartsTransferReceived] as const;
export const transferCommands = [TransferParts, ReceiveTransferredParts] as const;
