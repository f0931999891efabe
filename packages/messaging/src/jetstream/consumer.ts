import { AckPolicy, type ConsumerConfig, type ConsumerMessages, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { type ContractRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type DecodedEvent, decodeCloudEvent } from '../cloudevents/decode.js';
import { publishDeadLetter } from './dead-letter.js';
import { inboxTable, migrateInbox, processOnce } from './inbox.js';
import { describeError, type MessagingLogger, silentLogger } from './logger.js';
import { DEAD_LETTER_SUBJECTS, ensureDeadLetterStream } from './provision.js';

export type EventHandler = (event: DecodedEvent, tx: pg.PoolClient) => Promise<void>;

export interface DurableConsumerOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly stream: string;
  /** Durable consumer name; also the inbox's `consumer` column. */
  readonly durable: string;
  /** One subject filter (NATS 2.9); several need NATS ≥ 2.10. */
  readonly filterSubjects: string | readonly string[];
  /** Runs inside the inbox transaction: its DB effects commit once per event id. */
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
  /** Messages pulled at once (default 64); they are handled one by one in stream order. */
  readonly batch?: number;
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
  /** Stops pulling, finishes the message in hand, and returns un-started ones for prompt redelivery. */
  stop(): Promise<void>;
}

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
  inboxTable(o.inboxSchema);
  return { maxDeliver, backoffMs, ackWaitMs, deadLetterSubject, batch: o.batch ?? 64 };
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

/**
 * Runs a JetStream durable pull consumer whose handler commits its DB effects together with the event id
 * in an inbox table: a redelivered event is skipped and acked. A failing handler is nak'ed with backoff;
 * after `maxDeliver` failed deliveries the message goes to the dead-letter subject with its error and is
 * terminated, and the next messages flow on. Undecodable messages are dead-lettered at once.
 */
export const runDurableConsumer = async (options: DurableConsumerOptions): Promise<DurableConsumerHandle> => {
  const { maxDeliver, backoffMs, ackWaitMs, deadLetterSubject, batch } = validate(options);
  const { js, pool, inboxSchema, durable, registry, handler } = options;
  const logger = options.logger ?? silentLogger;
  await migrateInbox(pool, inboxSchema);
  await ensureDeadLetterStream(options.jsm);
  await upsertConsumer(options, ackWaitMs, batch);
  const consumer = await js.consumers.get(options.stream, durable);
  const stats: DurableConsumerStats = { processed: 0, duplicates: 0, failures: 0, deadLettered: 0 };
  let stopping = false;

  const deadLetter = async (msg: JsMsg, error: unknown) => {
    try {
      await publishDeadLetter(js, deadLetterSubject, durable, msg, error);
    } catch (publishError) {
      // Keep the message rather than lose it: it comes back after the longest backoff and is tried again.
      logger.error({ durable, seq: msg.info.streamSequence, ...describeError(publishError) }, 'dead-letter publish failed');
      msg.nak(backoffMs.at(-1));
      return;
    }
    stats.deadLettered++;
    logger.warn({ durable, seq: msg.info.streamSequence, deliveries: msg.info.deliveryCount, ...describeError(error) }, 'message dead-lettered');
    msg.term(`dead-lettered to ${deadLetterSubject}`);
  };

  const handle = async (msg: JsMsg) => {
    const deliveries = msg.info.deliveryCount;
    let event: DecodedEvent;
    try {
      event = decodeCloudEvent(msg.data, registry);
    } catch (error) {
      return deadLetter(msg, error);
    }
    if (deliveries > maxDeliver) {
      // Earlier deliveries never came back with an answer: the handler crashed or hung each time.
      return deadLetter(msg, new Error(`no ack after ${deliveries - 1} deliveries (consumer crashed or timed out)`));
    }
    // A slow handler must not be mistaken for a crashed one and get the message redelivered meanwhile.
    const keepAlive = setInterval(() => msg.working(), ackWaitMs / 2);
    try {
      const applied = await processOnce(pool, inboxSchema, durable, event.eventId, (tx) => handler(event, tx));
      if (applied) stats.processed++;
      else stats.duplicates++;
      msg.ack();
    } catch (error) {
      stats.failures++;
      if (deliveries >= maxDeliver) return deadLetter(msg, error);
      logger.warn({ durable, eventId: event.eventId, deliveries, ...describeError(error) }, 'handler failed; redelivering');
      msg.nak(backoffMs[Math.min(deliveries - 1, backoffMs.length - 1)]);
    } finally {
      clearInterval(keepAlive);
    }
  };

  const messages: ConsumerMessages = await consumer.consume({ max_messages: batch });
  const loop = (async () => {
    for await (const msg of messages) {
      if (stopping) {
        msg.nak();
        continue;
      }
      try {
        await handle(msg);
      } catch (error) {
        // Only infrastructure can fail here (PostgreSQL down while claiming); the ack wait redelivers it.
        logger.error({ durable, seq: msg.info.streamSequence, ...describeError(error) }, 'message handling failed');
      }
    }
  })();

  return {
    durable,
    stats,
    async stop() {
      stopping = true;
      await messages.close();
      await loop;
    },
  };
};
