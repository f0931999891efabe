import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry, eventSubject, type EventData, type sales, storeStreamName, workshop as w } from '@rooftop/contracts';
import { type Command, DomainError } from '@rooftop/eventsourcing';
import { type DurableConsumerHandle, type MessagingLogger, runDurableConsumer } from '@rooftop/messaging';
import type pg from 'pg';
import { workshopHandlers } from '../commands/handlers.js';
import { type SchedulingEventStore } from '../commands/scheduling-event-store.js';
import { TIMER_ACTOR } from '../commands/timers.js';
import { type WorkshopSettings } from '../domain/settings.js';

export const VEHICLE_DELIVERED_DURABLE = 'workshop-vehicle-delivered';

export interface VehicleDeliveredReactionOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly pool: pg.Pool;
  readonly store: SchedulingEventStore;
  readonly registry: ContractRegistry;
  readonly groupId: string;
  readonly storeId: string;
  readonly settings: WorkshopSettings;
  /** Default `workshop-vehicle-delivered`; tests give each run its own. */
  readonly durable?: string;
  readonly logger?: MessagingLogger;
}

type Delivered = EventData<typeof sales.VehicleDelivered>;

/** The RegisterVehicle command a delivery becomes; its id is derived from the event id (idempotent). */
export const registerVehicleFromDelivery = (eventId: string, storeId: string, correlationId: string, occurredAt: string, d: Delivered): Command<'RegisterVehicle'> => ({
  commandId: `vehicle-delivered:${eventId}`,
  type: w.RegisterVehicle.type,
  storeId,
  actor: TIMER_ACTOR,
  data: {
    vin: d.vin,
    ...(d.plate ? { plate: d.plate } : {}),
    brand: d.brand,
    model: d.model,
    customerId: d.customerId,
    ownerName: d.customerName,
    ownerPhone: d.customerPhone,
    contactConsent: d.contactConsent,
    deliveredOn: d.deliveryDate,
    source: 'sales_delivery',
    sourceEventId: eventId,
  },
  metadata: { now: occurredAt, correlationId, causationId: eventId },
});

/**
 * Process manager: sales' VehicleDelivered (durable JetStream consumer on this store's stream) → the vehicle
 * file, its owner and its first-service reminder timers. The append, the timers and the inbox row commit in
 * the consumer's one transaction, so a redelivered event is skipped by the inbox, and even a replay without
 * the inbox appends nothing (same command id, same source event).
 */
export const startVehicleDeliveredReaction = (options: VehicleDeliveredReactionOptions): Promise<DurableConsumerHandle> =>
  runDurableConsumer({
    js: options.js,
    jsm: options.jsm,
    stream: storeStreamName(options.groupId, options.storeId),
    durable: options.durable ?? VEHICLE_DELIVERED_DURABLE,
    filterSubjects: eventSubject(options.groupId, options.storeId, 'sales', 'VehicleDelivered'),
    pool: options.pool,
    inboxSchema: 'workshop',
    registry: options.registry,
    // The handler appends to the event store: one message per transaction (one append per transaction).
    messagesPerTransaction: 1,
    ...(options.logger ? { logger: options.logger } : {}),
    handler: async (event, tx) => {
      const handlers = workshopHandlers({ store: options.store.inTransaction(tx), groupId: options.groupId, settings: options.settings });
      try {
        await handlers.RegisterVehicle(registerVehicleFromDelivery(event.eventId, event.storeId, event.correlationId, event.occurredAt, event.data as Delivered));
      } catch (error) {
        // A rule said no (e.g. the VIN already has a file): redelivery cannot change that, so it is logged
        // and acknowledged rather than dead-lettered after pointless retries.
        if (!(error instanceof DomainError)) throw error;
        options.logger?.warn({ eventId: event.eventId, reason: error.reason }, 'VehicleDelivered not registered');
      }
    },
  });
