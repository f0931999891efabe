import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry, eventSubject, type EventData, insurance as i, type sales, storeStreamName } from '@rooftop/contracts';
import { type Command, DomainError } from '@rooftop/eventsourcing';
import { type SchedulingEventStore } from '@rooftop/eventstore-postgres';
import { type DurableConsumerHandle, type MessagingLogger, runDurableConsumer } from '@rooftop/messaging';
import type pg from 'pg';
import { insuranceHandlers } from '../commands/handlers.js';
import { TIMER_ACTOR } from '../commands/timers.js';
import { type InsuranceSettings } from '../domain/settings.js';

export const INSURANCE_DELIVERED_DURABLE = 'insurance-vehicle-delivered';

export interface VehicleDeliveredReactionOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly pool: pg.Pool;
  readonly store: SchedulingEventStore;
  readonly registry: ContractRegistry;
  readonly groupId: string;
  readonly storeId: string;
  readonly settings: InsuranceSettings;
  /** Default `insurance-vehicle-delivered`; tests give each run its own. */
  readonly durable?: string;
  readonly logger?: MessagingLogger;
}

type Delivered = EventData<typeof sales.VehicleDelivered>;

/** The policy a delivery sold with a policy opens: one per order (`delivery-<orderId>`), whatever the redelivery. */
export const deliveryPolicyId = (orderId: string): string => `delivery-${orderId}`.slice(0, 64);

/** The RecordDeliveryPolicy command a delivery with a policy becomes, or undefined when no policy was sold. */
export const recordPolicyFromDelivery = (eventId: string, storeId: string, correlationId: string, occurredAt: string, d: Delivered): Command<'RecordDeliveryPolicy'> | undefined => {
  if (!d.policySold) return undefined;
  return {
    commandId: `insurance-vehicle-delivered:${eventId}`,
    type: i.RecordDeliveryPolicy.type,
    storeId,
    actor: TIMER_ACTOR,
    data: {
      policyId: deliveryPolicyId(d.orderId),
      orderId: d.orderId,
      vin: d.vin,
      ...(d.plate ? { plate: d.plate } : {}),
      brand: d.brand,
      model: d.model,
      customerId: d.customerId,
      ...(d.insurer ? { insurer: d.insurer } : {}),
      consultantId: d.consultantId,
      deliveredOn: d.deliveryDate,
      sourceEventId: eventId,
    },
    metadata: { now: occurredAt, correlationId, causationId: eventId },
  };
};

/**
 * Process manager: sales' VehicleDelivered (durable JetStream consumer on this store's stream) → a policy
 * awaiting its terms, when a policy was sold with the car. The append and the inbox row commit in the
 * consumer's one transaction, so a redelivered event is skipped by the inbox; a replay without the inbox
 * appends nothing either (same command id; same source event on the policy).
 */
export const startVehicleDeliveredReaction = (options: VehicleDeliveredReactionOptions): Promise<DurableConsumerHandle> =>
  runDurableConsumer({
    js: options.js,
    jsm: options.jsm,
    stream: storeStreamName(options.groupId, options.storeId),
    durable: options.durable ?? INSURANCE_DELIVERED_DURABLE,
    filterSubjects: eventSubject(options.groupId, options.storeId, 'sales', 'VehicleDelivered'),
    pool: options.pool,
    inboxSchema: 'insurance',
    registry: options.registry,
    // The handler appends to the event store: one message per transaction (one append per transaction).
    messagesPerTransaction: 1,
    ...(options.logger ? { logger: options.logger } : {}),
    handler: async (event, tx) => {
      const command = recordPolicyFromDelivery(event.eventId, event.storeId, event.correlationId, event.occurredAt, event.data as Delivered);
      if (!command) return;
      const handlers = insuranceHandlers({ store: options.store.inTransaction(tx), groupId: options.groupId, settings: options.settings });
      try {
        await handlers.RecordDeliveryPolicy(command);
      } catch (error) {
        // A rule said no (the policy id is taken): redelivery cannot change that, so log and acknowledge.
        if (!(error instanceof DomainError)) throw error;
        options.logger?.warn({ eventId: event.eventId, reason: error.reason }, 'VehicleDelivered policy not recorded');
      }
    },
  });
