import { AckPolicy, type ConsumerConfig, type ConsumerMessages, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { type ContractRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type DecodedEvent, decodeCloudEvent } from '../cloudevents/decode.js';
import { sleep } from './backoff.js';
import { publishDeadLetter } from './dead-letter.js';
import { applyBatchOnce, inboxTable, migrateInbox } from './inbox.js';
import { describeError, type MessagingLogger, silentLogger } from './logger.js';
import { DEAD_LETTER_SUBJECTS, ensureDeadLetterStream } from './provision.js';
import { StreamOrder } from './stream-order.js';

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

export interface DurableConsumerStats {
  processed: number;
  duplicates: number;
  failures: number;
  deadLettered: number;
}

export interface DurableConsumerHandle {
  readonly durable: string;
  readonly stats: Readonly<DurableConsumerStats>;
  /** Stops pulling, finishes the batch in hand, and returns un-started (and parked) ones for prompt redelivery. */
  stop(): Promise<void>;
}

// Every message of a transaction gets a savepoint; a transaction with more than 64 subtransactions that wrote
// overflows PostgreSQL's per-backend subxid cache and slows every other session's snapshots while it runs.
const MAX_TRANSACTION_BATCH = 32;

const invalid = (path: string, message: string) => new ValidationError(`durable consumer option ${path} ${message}`, [{ path, message }]);

const validate = (o: DurableConsumerOptions) => {
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
const upsertConsumer = async (o: DurableConsumerOptions, ackWaitMs: number, batch: number): Promise<void> => {
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

interface Pulled {
  readonly msg: JsMsg;
  /** Set once decoded (messages parked and released again are not decoded twice). */
  readonly event?: DecodedEvent;
}
type Delivery = Required<Pulled>;

/**
 * Runs a JetStream durable pull consumer whose handler commits its DB effects together with the event id in an
 * inbox table: a redelivered event is skipped and acked. The messages already pulled are applied in one
 * transaction with a savepoint each and acked after its commit. A failing handler rolls back only its own
 * savepoint and is nak'ed with backoff; the later messages of its event stream wait (parked, un-acked) until it
 * is applied or dead-lettered, so a stream's events are never applied out of order. After `maxDeliver` failed
 * deliveries the message goes to the dead-letter subject with its error and is terminated, and its stream flows
 * on. Undecodable messages are dead-lettered at once.
 */
export const runDurableConsumer = async (options: DurableConsumerOptions): Promise<DurableConsumerHandle> => {
  const { maxDeliver, backoffMs, ackWaitMs, deadLetterSubject, batch, transactionBatch } = validate(options);
  const { js, pool, inboxSchema, durable, registry, handler } = options;
  const logger = options.logger ?? silentLogger;
  await migrateInbox(pool, inboxSchema);
  await ensureDeadLetterStream(options.jsm);
  await upsertConsumer(options, ackWaitMs, batch);
  const consumer = await js.consumers.get(options.stream, durable);
  const stats: DurableConsumerStats = { processed: 0, duplicates: 0, failures: 0, deadLettered: 0 };
  const order = new StreamOrder<Delivery>();
  // A stream waits for its failed message at most until well after the retry is due.
  const holdMs = (delayMs: number) => delayMs + 2 * ackWaitMs;
  const queue: Pulled[] = [];
  let inHand: readonly Delivery[] = [];
  let stopping = false;
  let pumpDone = false;
  let wakeUp: (() => void) | undefined;
  let space: (() => void) | undefined;
  const wake = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  const freeSpace = () => {
    const resolve = space;
    space = undefined;
    resolve?.();
  };

  /** True when the message is parked in the dead-letter stream (and terminated). */
  const deadLetter = async (msg: JsMsg, error: unknown): Promise<boolean> => {
    try {
      await publishDeadLetter(js, deadLetterSubject, durable, msg, error);
    } catch (publishError) {
      // Keep the message rather than lose it: it comes back after the longest backoff and is tried again.
      logger.error({ durable, seq: msg.info.streamSequence, ...describeError(publishError) }, 'dead-letter publish failed');
      msg.nak(backoffMs.at(-1));
      return false;
    }
    stats.deadLettered++;
    logger.warn({ durable, seq: msg.info.streamSequence, deliveries: msg.info.deliveryCount, ...describeError(error) }, 'message dead-lettered');
    msg.term(`dead-lettered to ${deadLetterSubject}`);
    return true;
  };

  /** Dead-letters a failed message, or naks it for a retry while its stream waits; messages to run again next. */
  const failed = async ({ msg, event }: Delivery, error: unknown, again: Delivery[], last = msg.info.deliveryCount >= maxDeliver): Promise<void> => {
    const deliveries = msg.info.deliveryCount;
    const seq = msg.info.streamSequence;
    if (last) {
      if (await deadLetter(msg, error)) {
        if (order.isBlocker(event.streamId, seq)) again.push(...order.release(event.streamId));
      } else order.hold(event.streamId, seq, holdMs(backoffMs.at(-1)!));
      return;
    }
    const delayMs = backoffMs[Math.min(deliveries - 1, backoffMs.length - 1)]!;
    logger.warn({ durable, eventId: event.eventId, deliveries, ...describeError(error) }, 'handler failed; redelivering');
    msg.nak(delayMs);
    order.hold(event.streamId, seq, holdMs(delayMs));
  };

  const applyPulled = async (pulled: readonly Pulled[], again: Delivery[]): Promise<void> => {
    const ready: Delivery[] = [];
    for (const { msg, event: known } of pulled) {
      let event = known;
      if (event === undefined) {
        try {
          event = decodeCloudEvent(msg.data, registry);
        } catch (error) {
          await deadLetter(msg, error);
          continue;
        }
      }
      const delivery = { msg, event };
      // Earlier deliveries never came back with an answer: the handler crashed or hung each time.
      const deliveries = msg.info.deliveryCount;
      if (deliveries > maxDeliver) await failed(delivery, new Error(`no ack after ${deliveries - 1} deliveries (consumer crashed or timed out)`), again, true);
      else if (order.admit(event.streamId, msg.info.streamSequence, delivery)) ready.push(delivery);
    }
    if (ready.length > 0) {
      inHand = ready;
      let outcomes;
      try {
        outcomes = await applyBatchOnce(pool, inboxSchema, durable, ready.map(({ event }) => ({ eventId: event.eventId, key: event.streamId, work: (tx) => handler(event, tx) })));
      } finally {
        inHand = [];
      }
      for (const [index, delivery] of ready.entries()) {
        const outcome = outcomes[index]!;
        const { msg, event } = delivery;
        if (outcome.status === 'failed') {
          stats.failures++;
          await failed(delivery, outcome.error, again);
        } else if (outcome.status === 'skipped') {
          // Behind a failure of its stream in this batch: it waits with the stream's other parked messages.
          if (!order.park(event.streamId, delivery)) again.push(delivery);
        } else {
          if (outcome.status === 'applied') stats.processed++;
          else stats.duplicates++;
          msg.ack();
          if (order.isBlocker(event.streamId, msg.info.streamSequence)) again.push(...order.release(event.streamId));
        }
      }
    }
  };

  const handleBatch = async (pulled: readonly Pulled[]): Promise<void> => {
    const again: Delivery[] = [];
    try {
      await applyPulled(pulled, again);
    } finally {
      // Released from a hold, or skipped behind a failure that was dead-lettered: first in line for the next batch.
      queue.unshift(...again);
    }
  };

  const messages: ConsumerMessages = await consumer.consume({ max_messages: batch });
  // Keeps the messages in hand, parked or queued from being redelivered meanwhile, and ends overdue holds.
  const heartbeat = setInterval(() => {
    for (const { msg } of [...inHand, ...order.parked(), ...queue]) msg.working();
    const expired = order.expire();
    if (expired.length === 0) return;
    queue.unshift(...expired);
    wake();
  }, ackWaitMs / 2);

  const pump = (async () => {
    for await (const msg of messages) {
      if (stopping) {
        msg.nak();
        continue;
      }
      queue.push({ msg });
      wake();
      while (queue.length >= batch && !stopping) await new Promise<void>((resolve) => (space = resolve));
    }
  })()
    .catch((error: unknown) => logger.error({ durable, ...describeError(error) }, 'pulling messages failed'))
    .finally(() => {
      pumpDone = true;
      wake();
    });

  const loop = (async () => {
    while (!stopping) {
      if (queue.length === 0) {
        if (pumpDone) break;
        await new Promise<void>((resolve) => (wakeUp = resolve));
        // Let the messages that arrived in the same socket read join the batch (microseconds, not a timer).
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const taken = queue.splice(0, transactionBatch);
      freeSpace();
      try {
        await handleBatch(taken);
      } catch (error) {
        // Only infrastructure can fail here (PostgreSQL down): nothing was applied, the ack wait redelivers them.
        logger.error({ durable, seqs: taken.map(({ msg }) => msg.info.streamSequence), ...describeError(error) }, 'batch handling failed');
        await sleep(backoffMs[0]!);
      }
    }
    clearInterval(heartbeat);
    for (const { msg } of [...queue.splice(0), ...order.clear()]) msg.nak();
  })();

  return {
    durable,
    stats,
    async stop() {
      stopping = true;
      wake();
      freeSpace();
      await messages.close();
      await pump;
      await loop;
    },
  };
};
