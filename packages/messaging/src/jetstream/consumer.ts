import { type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { type DecodedEvent, decodeCloudEvent } from '../cloudevents/decode.js';
import { sleep } from './backoff.js';
import { type DurableConsumerOptions, upsertConsumer, validate } from './consumer-config.js';
import { publishDeadLetter } from './dead-letter.js';
import { applyBatchOnce, migrateInbox } from './inbox.js';
import { describeError, silentLogger } from './logger.js';
import { ensureDeadLetterStream } from './provision.js';
import { StreamOrder } from './stream-order.js';

export { type DurableConsumerOptions, type EventHandler } from './consumer-config.js';

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
        outcomes = await applyBatchOnce(
          pool,
          inboxSchema,
          durable,
          ready.map(({ event }) => ({ eventId: event.eventId, key: event.streamId, work: (tx) => handler(event, tx) })),
        );
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
