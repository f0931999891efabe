import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry, eventSubject, type EventData, insurance as i, storeStreamName, type workshop } from '@rooftop/contracts';
import { type Command, DomainError } from '@rooftop/eventsourcing';
import { type SchedulingEventStore } from '@rooftop/eventstore-postgres';
import { type DurableConsumerHandle, type MessagingLogger, runDurableConsumer } from '@rooftop/messaging';
import type pg from 'pg';
import { insuranceHandlers } from '../commands/handlers.js';
import { TIMER_ACTOR } from '../commands/timers.js';
import { type InsuranceSettings } from '../domain/settings.js';

export const CLAIM_INVOICED_DURABLE = 'insurance-claim-invoiced';

export interface ClaimInvoicedReactionOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly pool: pg.Pool;
  readonly store: SchedulingEventStore;
  readonly registry: ContractRegistry;
  readonly groupId: string;
  readonly storeId: string;
  readonly settings: InsuranceSettings;
  /** Default `insurance-claim-invoiced`; tests give each run its own. */
  readonly durable?: string;
  readonly logger?: MessagingLogger;
}

type Invoiced = EventData<typeof workshop.RepairOrderInvoiced>;

/**
 * The RecordClaimRepair an invoiced insurance_claim RO becomes (the claim's RO carries the claim's id), or
 * undefined for any other RO. The repair amount is what the insurer is invoiced: labour + parts − discount.
 */
export const recordRepairFromInvoice = (eventId: string, storeId: string, correlationId: string, occurredAt: string, d: Invoiced): Command<'RecordClaimRepair'> | undefined => {
  if (d.roType !== 'insurance_claim' || d.amounts.total.amount < 1) return undefined;
  return {
    commandId: `insurance-claim-invoiced:${eventId}`,
    type: i.RecordClaimRepair.type,
    storeId,
    actor: TIMER_ACTOR,
    data: { claimId: d.repairOrderId, repairAmount: d.amounts.total },
    metadata: { now: occurredAt, correlationId, causationId: eventId },
  };
};

/**
 * Process manager: workshop's RepairOrderInvoiced of an insurance_claim RO → the claim is repaired. An RO
 * opened at the front desk without a reported claim finds no claim (CLAIM_NOT_FOUND) and is acknowledged; a
 * redelivery is skipped by the inbox, and a replay without it is refused by the claim (already repaired).
 */
export const startClaimInvoicedReaction = (options: ClaimInvoicedReactionOptions): Promise<DurableConsumerHandle> =>
  runDurableConsumer({
    js: options.js,
    jsm: options.jsm,
    stream: storeStreamName(options.groupId, options.storeId),
    durable: options.durable ?? CLAIM_INVOICED_DURABLE,
    filterSubjects: eventSubject(options.groupId, options.storeId, 'workshop', 'RepairOrderInvoiced'),
    pool: options.pool,
    inboxSchema: 'insurance',
    registry: options.registry,
    // The handler appends to the event store: one message per transaction (one append per transaction).
    messagesPerTransaction: 1,
    ...(options.logger ? { logger: options.logger } : {}),
    handler: async (event, tx) => {
      const command = recordRepairFromInvoice(event.eventId, event.storeId, event.correlationId, event.occurredAt, event.data as Invoiced);
      if (!command) return;
      const handlers = insuranceHandlers({ store: options.store.inTransaction(tx), groupId: options.groupId, settings: options.settings });
      try {
        await handlers.RecordClaimRepair(command);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        options.logger?.warn({ eventId: event.eventId, reason: error.reason }, 'RepairOrderInvoiced: claim repair not recorded');
      }
    },
  });
