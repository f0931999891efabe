import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { type ContractRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type DecodedEvent } from '../cloudevents/decode.js';
import { inboxTable } from './inbox.js';
import { type MessagingLogger } from './logger.js';
import { DEAD_LETTER_SUBJECTS } from './provision.js';

// A durable consumer's configuration: its options, their defaults and bounds (checked before anything starts), and
// the JetStream consumer they create or update. The loop that runs it is consumer.ts.

export type EventHandler = (event: DecodedEvent, tx: pg.PoolClient) => Promise<void>;

export interface DurableConsumerOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly stream: string;
  /** Durable consumer name; also the inbox's `consumer` column. */
  readonly durable: string;
  /** One subject filter (NATS 2.9); several need NATS ≥ 2.10. */
  readonly filterSubjects: string | readonly string[];
  /**
   * Runs inside the batch's inbox transaction, after the handlers of the messages before it: its DB effects commit
   * once per event id. It may run more than once per delivery (a batch redone around another message's failure).
   */
  readonly handler: EventHandler;
  readonly pool: pg.Pool;
  /** Schema holding `<schema>.inbox` (the consuming context's own schema). */
  readonly inboxSchema: string;
  readonly registry: ContractRegistry;
  /** Failed deliveries before the message is dead-lettered (default 5). */
  readonly maxDeliver?: number;
  /** Redelivery delay after the n-th failure (last value repeats); default 250 ms, 1 s, 2 s, 4 s. */
  readonly backoffMs?: readonly number[];
  /** Redelivery after a crash or a hang (default and maximum 5 s). */
  readonly ackWaitMs?: number;
  /** Default `rooftop.dlq.<durable>`; must be under `rooftop.dlq.>`. */
  readonly deadLetterSubject?: string;
  /**
   * Messages pulled ahead (default 64). Those already here when the consumer is free (at most 32) are applied in
   * one transaction, a savepoint each, and acked together after its commit.
   */
  readonly batch?: number;
  /**
   * Most messages applied in one transaction (default and maximum 32). A handler that appends to an event store
   * must say 1: the store takes one append per transaction (positions are numbered from the transaction id), so
   * a second appending message in the same transaction fails (ONE_APPEND_PER_TRANSACTION) and is retried.
   */
  readonly messagesPerTransaction?: number;
  /** Where a new durable starts (default all: replay the stream). */
  readonly deliverPolicy?: 'all' | 'new';
  readonly logger?: MessagingLogger;
}

// Every message of a transaction gets a savepoint; a transaction with more than 64 subtransactions that wrote
// overflows PostgreSQL's per-backend subxid cache and slows every other session's snapshots while it runs.
const MAX_TRANSACTION_BATCH = 32;

const invalid = (path: string, message: string) => new ValidationError(`durable consumer option ${path} ${message}`, [{ path, message }]);

export const validate = (o: DurableConsumerOptions) => {
  const maxDeliver = o.maxDeliver ?? 5;
  const backoffMs = o.backoffMs ?? [250, 1_000, 2_000, 4_000];
  const ackWaitMs = o.ackWaitMs ?? 5_000;
  const deadLetterSubject = o.deadLetterSubject ?? `rooftop.dlq.${o.durable}`;
  if (!Number.isInteger(maxDeliver) || maxDeliver < 1) throw invalid('maxDeliver', 'must be a positive integer');
  if (backoffMs.length === 0 || backoffMs.some((ms) => !(ms >= 0))) throw invalid('backoffMs', 'must list non-negative delays');
  if (!(ackWaitMs >= 1_000 && ackWaitMs <= 5_000)) throw invalid('ackWaitMs', 'must be between 1 s and 5 s');
  if (!deadLetterSubject.startsWith(DEAD_LETTER_SUBJECTS.slice(0, -1))) throw invalid('deadLetterSubject', `must be under ${DEAD_LETTER_SUBJECTS}`);
  if (!/^[A-Za-z0-9_-]+$/.test(o.durable)) throw invalid('durable', 'must be a valid consumer name');
  const perTransaction = o.messagesPerTransaction ?? MAX_TRANSACTION_BATCH;
  if (!Number.isInteger(perTransaction) || perTransaction < 1 || perTransaction > MAX_TRANSACTION_BATCH) {
    throw invalid('messagesPerTransaction', `must be an integer from 1 to ${MAX_TRANSACTION_BATCH}`);
  }
  inboxTable(o.inboxSchema);
  const batch = o.batch ?? 64;
  return { maxDeliver, backoffMs, ackWaitMs, deadLetterSubject, batch, transactionBatch: Math.min(batch, perTransaction) };
};

/** Creates the durable or brings an existing one to this config (ack wait, filter, deliveries). */
export const upsertConsumer = async (o: DurableConsumerOptions, ackWaitMs: number, batch: number): Promise<void> => {
  const filters = typeof o.filterSubjects === 'string' ? [o.filterSubjects] : [...o.filterSubjects];
  const config: Partial<ConsumerConfig> = {
    durable_name: o.durable,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(ackWaitMs),
    // Deliveries are counted and dead-lettered here, not by the server: a server-side limit would silently
    // stop delivering a message whose dead-letter publish failed, or that crashed the process every time.
    max_deliver: -1,
    max_ack_pending: Math.max(batch * 4, 256),
    ...(filters.length === 1 ? { filter_subject: filters[0]! } : { filter_subjects: filters }),
  };
  try {
    await o.jsm.consumers.info(o.stream, o.durable);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
    await o.jsm.consumers.add(o.stream, { ...config, deliver_policy: o.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All });
    return;
  }
  const { durable_name: _name, ...updatable } = config;
  await o.jsm.consumers.update(o.stream, o.durable, updatable);
};
