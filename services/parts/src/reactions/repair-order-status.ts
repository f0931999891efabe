import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry, decodeRecorded, eventSubject, storeStreamName, workshop as w } from '@rooftop/contracts';
import { type DurableConsumerHandle, type MessagingLogger, runDurableConsumer } from '@rooftop/messaging';
import type pg from 'pg';
import { recordRepairOrderStatus } from '../commands/repair-orders.js';

export const REPAIR_ORDER_STATUS_DURABLE = 'parts-repair-order-status';

/** Workshop events that open and close a repair order for parts. */
const STATUS_OF = [
  [w.RepairOrderOpened, 'open'],
  [w.RepairOrderInvoiced, 'closed'],
  [w.VehicleReleased, 'closed'],
] as const;

export interface RepairOrderStatusReactionOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly pool: pg.Pool;
  readonly registry: ContractRegistry;
  readonly groupId: string;
  readonly storeId: string;
  /** Prefix of the durable names (default `parts-repair-order-status`); tests give each run its own. */
  readonly durable?: string;
  readonly logger?: MessagingLogger;
}

/**
 * Parts learns a repair order's status from the workshop's own events (durable JetStream consumers on this
 * store's stream — one per event type, as NATS 2.9 allows one subject filter), never from what a caller
 * claims: an issue to an invoiced or released RO is then rejected by the part decider. The upsert and the
 * inbox row commit together; `closed` never goes back to `open`, so redelivery in any order converges.
 */
export const startRepairOrderStatusReaction = async (options: RepairOrderStatusReactionOptions): Promise<DurableConsumerHandle[]> => {
  const handles: DurableConsumerHandle[] = [];
  for (const [contract, status] of STATUS_OF) {
    handles.push(
      await runDurableConsumer({
        js: options.js,
        jsm: options.jsm,
        stream: storeStreamName(options.groupId, options.storeId),
        durable: `${options.durable ?? REPAIR_ORDER_STATUS_DURABLE}-${contract.type}`,
        filterSubjects: eventSubject(options.groupId, options.storeId, contract.context, contract.type),
        pool: options.pool,
        inboxSchema: 'parts',
        registry: options.registry,
        ...(options.logger ? { logger: options.logger } : {}),
        handler: async (event, tx) => {
          const { repairOrderId } = decodeRecorded(contract, event).data;
          await recordRepairOrderStatus(tx, event.storeId, repairOrderId, status);
        },
      }),
    );
  }
  return handles;
};
