import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry, eventSubject, type EventData, type insurance, storeStreamName, workshop as w } from '@rooftop/contracts';
import { type Command, DomainError } from '@rooftop/eventsourcing';
import { type DurableConsumerHandle, type MessagingLogger, runDurableConsumer } from '@rooftop/messaging';
import type pg from 'pg';
import { workshopHandlers } from '../commands/handlers.js';
import { type SchedulingEventStore } from '../commands/scheduling-event-store.js';
import { TIMER_ACTOR } from '../commands/timers.js';
import { type WorkshopSettings } from '../domain/settings.js';

export const CLAIM_REPORTED_DURABLE = 'workshop-claim-reported';

export interface ClaimReportedReactionOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly pool: pg.Pool;
  readonly store: SchedulingEventStore;
  readonly registry: ContractRegistry;
  readonly groupId: string;
  readonly storeId: string;
  readonly settings: WorkshopSettings;
  /** Default `workshop-claim-reported`; tests give each run its own. */
  readonly durable?: string;
  readonly logger?: MessagingLogger;
}

type Reported = EventData<typeof insurance.ClaimReported>;

/** The insurance_claim repair order a reported claim becomes; its command id is derived from the event id. */
export const openRepairOrderFromClaim = (eventId: string, storeId: string, correlationId: string, occurredAt: string, c: Reported): Command<'OpenRepairOrder'> => ({
  commandId: `claim-reported:${eventId}`,
  type: w.OpenRepairOrder.type,
  storeId,
  actor: TIMER_ACTOR,
  data: {
    repairOrderId: c.repairOrderId,
    roType: 'insurance_claim',
    serviceAdvisorId: c.serviceAdvisorId,
    vin: c.vin,
    ...(c.plate ? { plate: c.plate } : {}),
    brand: c.brand,
    model: c.model,
    customerId: c.customerId,
    mileageKm: c.mileageKm,
    complaint: c.description,
  },
  metadata: { now: occurredAt, correlationId, causationId: eventId },
});

/**
 * Process manager: insurance's ClaimReported (durable JetStream consumer) → an insurance_claim repair order
 * with the claim's repairOrderId. The append and the inbox row commit in one transaction, so a redelivered
 * event is skipped; a replay without the inbox appends nothing (same command id, and the RO already exists).
 */
export const startClaimReportedReaction = (options: ClaimReportedReactionOptions): Promise<DurableConsumerHandle> =>
  runDurableConsumer({
    js: options.js,
    jsm: options.jsm,
    stream: storeStreamName(options.groupId, options.storeId),
    durable: options.durable ?? CLAIM_REPORTED_DURABLE,
    filterSubjects: eventSubject(options.groupId, options.storeId, 'insurance', 'ClaimReported'),
    pool: options.pool,
    inboxSchema: 'workshop',
    registry: options.registry,
    // The handler appends to the event store: one message per transaction (one append per transaction).
    messagesPerTransaction: 1,
    ...(options.logger ? { logger: options.logger } : {}),
    handler: async (event, tx) => {
      const handlers = workshopHandlers({ store: options.store.inTransaction(tx), groupId: options.groupId, settings: options.settings });
      try {
        await handlers.OpenRepairOrder(openRepairOrderFromClaim(event.eventId, event.storeId, event.correlationId, event.occurredAt, event.data as Reported));
      } catch (error) {
        // A rule said no (the RO id is taken): redelivery cannot change that, so log and acknowledge.
        if (!(error instanceof DomainError)) throw error;
        options.logger?.warn({ eventId: event.eventId, reason: error.reason }, 'ClaimReported: repair order not opened');
      }
    },
  });
