import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry, type EventData, eventSubject, type parts as p, storeStreamName } from '@rooftop/contracts';
import { type Actor, type Command, DomainError } from '@rooftop/eventsourcing';
import { eventStoreInTransaction, type PostgresEventStore } from '@rooftop/eventstore-postgres';
import { type DurableConsumerHandle, ensureStoreStream, type EventHandler, type MessagingLogger, runDurableConsumer } from '@rooftop/messaging';
import type pg from 'pg';
import { partsHandlers } from '../commands/handlers.js';
import { type RepairOrderStatuses } from '../commands/repair-orders.js';
import { type PartsSettings } from '../domain/settings.js';

export const REACTION_ACTOR: Actor = { kind: 'system', id: 'parts-reactions', roles: ['system'] };
/** Bin that transferred parts are booked into until the clerk moves them (a count moves them between bins). */
export const TRANSFER_BIN = 'TRANSFER-IN';

type Shipped = EventData<typeof p.PartsTransferShipped>;

/** The command a shipment to this store becomes; its id is derived from the transfer (idempotent). */
export const receiveFromShipment = (shipped: Shipped, fromStoreId: string, eventId: string, correlationId: string, occurredAt: string, storeId: string): Command<'ReceiveTransferredParts'> => ({
  commandId: `transfer-received:${fromStoreId}:${shipped.transferId}`,
  type: 'ReceiveTransferredParts',
  storeId,
  actor: REACTION_ACTOR,
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
  metadata: { now: occurredAt, correlationId, causationId: eventId },
});

export interface TransferReactionOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly pool: pg.Pool;
  readonly events: PostgresEventStore;
  readonly registry: ContractRegistry;
  readonly groupId: string;
  readonly storeId: string;
  readonly settings: PartsSettings;
  readonly repairOrders: RepairOrderStatuses;
  /** Prefix of the durable names (default `parts-transfers`); tests give each run its own. */
  readonly durablePrefix?: string;
  readonly logger?: MessagingLogger;
}

/** What a sister store's PartsTransferShipped does here, inside the consumer's inbox transaction `tx`. */
export const receiveTransfer =
  (options: Pick<TransferReactionOptions, 'events' | 'groupId' | 'storeId' | 'settings' | 'repairOrders' | 'logger'>): EventHandler =>
  async (event, tx) => {
    const shipped = event.data as Shipped;
    if (shipped.toStoreId !== options.storeId) return;
    const handlers = partsHandlers({ store: eventStoreInTransaction(options.events, tx), groupId: options.groupId, settings: options.settings, repairOrders: options.repairOrders });
    try {
      await handlers.ReceiveTransferredParts(receiveFromShipment(shipped, event.storeId, event.eventId, event.correlationId, event.occurredAt, options.storeId));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      options.logger?.warn({ eventId: event.eventId, reason: error.reason }, 'PartsTransferShipped not received');
    }
  };

/**
 * Process manager: a sister store's PartsTransferShipped addressed to this store → ReceiveTransferredParts.
 * One durable consumer per sister store, on that store's JetStream stream. Exactly once: the inbox skips a
 * redelivered event, the command id is derived from the transfer, and the part stream remembers received
 * transfer ids, so even a replay without the inbox appends nothing.
 */
export const startTransferReactions = async (options: TransferReactionOptions): Promise<DurableConsumerHandle[]> => {
  const peers = options.settings.groupStores.filter((s) => s !== options.storeId);
  const handles: DurableConsumerHandle[] = [];
  for (const peer of peers) {
    // The sister store's stream may not exist yet if it has never started; provisioning is idempotent.
    await ensureStoreStream(options.jsm, { groupId: options.groupId, storeId: peer });
    handles.push(
      await runDurableConsumer({
        js: options.js,
        jsm: options.jsm,
        stream: storeStreamName(options.groupId, peer),
        durable: `${options.durablePrefix ?? 'parts-transfers'}-${options.storeId}-from-${peer}`,
        filterSubjects: eventSubject(options.groupId, peer, 'parts', 'PartsTransferShipped'),
        pool: options.pool,
        inboxSchema: 'parts',
        registry: options.registry,
        // The handler appends to the event store: one message per transaction (one append per transaction).
        messagesPerTransaction: 1,
        ...(options.logger ? { logger: options.logger } : {}),
        handler: receiveTransfer(options),
      }),
    );
  }
  return handles;
};
