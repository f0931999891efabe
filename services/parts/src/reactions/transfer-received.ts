import { parts as p } from '@rooftop/contracts';
import { defineReaction } from '@rooftop/service-host';

/** Bin that transferred parts are booked into until the clerk moves them (a count moves them between bins). */
export const TRANSFER_BIN = 'TRANSFER-IN';

/**
 * Process manager: a sister store's PartsTransferShipped addressed to this store → ReceiveTransferredParts. One
 * durable consumer per sister store, on that store's JetStream stream. Exactly once: the inbox skips a
 * redelivered event, the command id is derived from the transfer, and the part stream remembers received
 * transfer ids, so even a replay without the inbox appends nothing.
 */
export const transferReceived = defineReaction(
  p.PartsTransferShipped,
  p.ReceiveTransferredParts,
)({
  name: 'transfers',
  from: 'sister-stores',
  refused: 'PartsTransferShipped not received',
  command: ({ storeId: fromStoreId, data: shipped }, storeId) =>
    shipped.toStoreId === storeId
      ? {
          commandId: `transfer-received:${fromStoreId}:${shipped.transferId}`,
          data: {
            transferId: shipped.transferId,
            fromStoreId,
            partNumber: shipped.partNumber,
            name: shipped.name,
            kind: shipped.kind,
            brand: shipped.brand,
            quantity: shipped.quantity,
            cost: shipped.cost,
            unitCost: { amount: Math.round(shipped.cost.amount / shipped.quantity), currency: 'CNY' },
            price: shipped.price,
            bin: TRANSFER_BIN,
          },
        }
      : undefined,
});
