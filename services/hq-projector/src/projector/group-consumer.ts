import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StoredMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { type ContractRegistry } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import {
  backoffDelay,
  type DeadLetterSource,
  decodeCloudEvent,
  describeError,
  ensureDeadLetterStream,
  EVENT_HEADERS,
  type MessagingLogger,
  publishDeadLetter,
  sleep,
} from '@rooftop/messaging';
import { type ApplyContext, applyBatch, type BatchItem, type BatchOutcome, findRejected, logPlace } from './apply-batch.js';
import { readCheckpoint } from './hq-schema.js';
import { type Arrival, arrivalOf } from './log-order.js';

export interface GroupConsumerOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly stream: string;
  readonly batchSize: number;
  readonly registry: ContractRegistry;
  readonly apply: ApplyContext;
  readonly logger: MessagingLogger;
  readonly onBatch?: (outcome: BatchOutcome, deadLettered: number) => void;
  /** The loop stopped on an error it cannot retry (a bug, or the consumer vanished): nothing more is applied. */
  readonly onFailure?: (error: unknown) => void;
  /** Retry delay after a failed transaction (PostgreSQL down, unknown store): base and cap. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

export interface GroupConsumer {
  /** GROUP_EVENTS messages not yet delivered to the projector (the durable's num_pending). */
  pending(): Promise<number>;
  stop(): Promise<void>;
}

/** How long `stop` waits for the pull subscription to close. */
const STOP_WAIT_MS = 3_000;

/**
 * Where a message that could not be decoded sits in its store's log, from its subject
 * (`rooftop.<group>.<store>.…`) and headers, so its store's later events need not wait for it; undefined when
 * they do not say.
 */
export const placeOfUndecodable = (msg: Pick<JsMsg, 'subject' | 'headers'>, seq: number): Arrival | undefined => {
  const storeId = msg.subject.split('.')[2];
  const position = Number(msg.headers?.get(EVENT_HEADERS.position) || Number.NaN);
  const previous = msg.headers?.get(EVENT_HEADERS.previousPosition);
  if (!storeId || !Number.isSafeInteger(position) || position < 1) return undefined;
  const previousPosition = previous ? Number(previous) : undefined;
  if (previousPosition !== undefined && !(Number.isSafeInteger(previousPosition) && previousPosition >= 0 && previousPosition < position)) return undefined;
  return { seq, storeId, position, ...(previousPosition !== undefined ? { previousPosition } : {}), deadLettered: true };
};

/**
 * (Re)creates the durable to start right after the checkpoint committed with the read models. Its ack state
 * is then never ahead of or behind the database: a message delivered before a crash but never committed is
 * delivered again first, in stream order, and nothing newer can overtake it.
 */
const resetDurable = async (o: GroupConsumerOptions, checkpoint: number, ackWaitMs: number): Promise<void> => {
  const { durable } = o.apply;
  try {
    await o.jsm.consumers.delete(o.stream, durable);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
  }
  await o.jsm.consumers.add(o.stream, {
    durable_name: durable,
    ack_policy: AckPolicy.All,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: checkpoint + 1,
    ack_wait: nanos(ackWaitMs),
    max_deliver: -1,
    max_ack_pending: Math.max(o.batchSize * 4, 1_000),
  });
};

/**
 * The HQ projector's consumer loop: takes what has arrived (up to `batchSize`), applies it in one transaction
 * (`applyBatch`), then acks the last message (ack-all). A failing transaction is retried in place with
 * backoff (never nak'ed, so nothing overtakes it); an event whose data a projection rejects (ValidationError)
 * — one of the batch, or one held before that the batch releases — is found by applying one message at a time
 * and then one event at a time, dead-lettered to `rooftop.dlq.<durable>` and counted past, like the store
 * runner's `park`. Undecodable messages are dead-lettered at once.
 */
export const runGroupConsumer = async (o: GroupConsumerOptions): Promise<GroupConsumer> => {
  const { durable, schema, pool } = o.apply;
  const ackWaitMs = 30_000;
  const deadLetterSubject = `rooftop.dlq.${durable}`;
  await ensureDeadLetterStream(o.jsm);
  await resetDurable(o, await readCheckpoint(pool, schema, durable), ackWaitMs);
  const consumer = await o.js.consumers.get(o.stream, durable);
  const messages = await consumer.consume({ max_messages: Math.max(o.batchSize * 2, 64) });
  const iterator = messages[Symbol.asyncIterator]();
  let stopping = false;

  const deadLetter = async (msg: DeadLetterSource, error: unknown): Promise<void> => {
    await publishDeadLetter(o.js, deadLetterSubject, durable, msg, error);
    o.logger.warn({ durable, seq: msg.info.streamSequence, ...describeError(error) }, 'GROUP_EVENTS message dead-lettered');
  };

  /**
   * The message of an event held before (acked when it was held), read back from the stream by its sequence;
   * if the stream no longer has it, the event as HQ kept it.
   */
  const heldMessage = async (arrival: Arrival): Promise<DeadLetterSource> => {
    const info = { stream: o.stream, streamSequence: arrival.seq, deliveryCount: 1 };
    let stored: StoredMsg | null = null;
    try {
      stored = await o.jsm.streams.getMessage(o.stream, { seq: arrival.seq });
    } catch (lookup) {
      if (!(lookup instanceof JetStreamApiError && lookup.code === JetStreamApiCodes.NoMessageFound)) throw lookup;
    }
    return stored
      ? { data: stored.data, headers: stored.header, subject: stored.subject, info }
      : {
          data: new TextEncoder().encode(JSON.stringify(arrival.event ?? null)),
          headers: undefined,
          subject: `${o.stream}:${arrival.storeId}@${arrival.position}`,
          info,
        };
  };

  /** Retries `work` until it succeeds or the consumer stops (undefined); keeps the held messages alive meanwhile. */
  const retrying = async <T>(held: readonly JsMsg[], work: () => Promise<T>): Promise<T | undefined> => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof ValidationError) throw error;
        o.logger.error({ durable, attempt, ...describeError(error) }, 'HQ batch failed; retrying');
        for (const msg of held) msg.working();
        await sleep(backoffDelay(attempt, o.retryBaseMs ?? 100, o.retryMaxMs ?? 5_000));
      }
    }
    return undefined;
  };

  const handle = async (batch: readonly JsMsg[]): Promise<boolean> => {
    const items: BatchItem[] = [];
    let deadLettered = 0;
    for (const msg of batch) {
      try {
        const seq = msg.info.streamSequence;
        items.push({ seq, arrival: arrivalOf(seq, decodeCloudEvent(msg.data, o.registry), false) });
      } catch (error) {
        if ((await retrying([msg], () => deadLetter(msg, error))) === undefined && stopping) return false;
        deadLettered++;
        const arrival = placeOfUndecodable(msg, msg.info.streamSequence);
        items.push({ seq: msg.info.streamSequence, ...(arrival ? { arrival } : {}) });
      }
    }
    try {
      const outcome = await retrying(batch, () => applyBatch(o.apply, items));
      if (outcome === undefined) return false;
      o.onBatch?.(outcome, deadLettered);
      return true;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
    // A projection rejected an event of this batch: apply one message at a time. Where one fails, the rejected
    // event is that message's or one it released from the held ones: find which, dead-letter them, count them past.
    for (const [i, item] of items.entries()) {
      const msg = batch[i]!;
      try {
        const outcome = await retrying([msg], () => applyBatch(o.apply, [item]));
        if (outcome === undefined) return false;
        o.onBatch?.(outcome, 0);
        continue;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
      const rejected = await retrying([msg], () => findRejected(o.apply, [item]));
      if (rejected === undefined) return false;
      for (const { arrival, error } of rejected) {
        const sent = await retrying([msg], () =>
          arrival.seq === item.seq ? deadLetter(msg, error) : heldMessage(arrival).then((held) => deadLetter(held, error)),
        );
        if (sent === undefined && stopping) return false;
      }
      // Nothing rejected one at a time (a projection that rejects only in company): this throws it again and stops.
      const outcome = await retrying([msg], () => applyBatch(o.apply, [item], new Set(rejected.map((r) => logPlace(r.arrival)))));
      if (outcome === undefined) return false;
      o.onBatch?.(outcome, rejected.length);
    }
    return true;
  };

  // The next message, asked for once: a batch ends where no message is already here, and the question stays
  // open for the next batch. (Filling a batch while `messages.getPending() > 0` could wait for a message that was
  // not coming: the client's count can stay above zero with nothing buffered, and the batch in hand then waited
  // ~30 s for the pull to expire — seen at the end of catch-ups and rebuilds.)
  let asked: Promise<IteratorResult<JsMsg>> | undefined;
  const nextMessage = () => (asked ??= iterator.next());
  const notYet = Symbol('not yet');
  /** The next message if it is already here (it arrived with the ones before it), else `notYet`. */
  const nextIfHere = () => Promise.race([nextMessage(), new Promise<typeof notYet>((resolve) => setImmediate(() => resolve(notYet)))]);

  const loop = (async () => {
    while (!stopping) {
      const first = await nextMessage();
      asked = undefined;
      if (first.done) return;
      const batch = [first.value];
      while (batch.length < o.batchSize) {
        const next = await nextIfHere();
        if (next === notYet || next.done) break;
        asked = undefined;
        batch.push(next.value);
      }
      if (stopping) return;
      if (await handle(batch)) batch.at(-1)!.ack();
    }
  })().catch(async (error: unknown) => {
    // Stop rather than skip: a restart resumes from the committed checkpoint.
    o.logger.error({ durable, ...describeError(error) }, 'HQ projector stopped on an unexpected error');
    stopping = true;
    await messages.close().catch(() => undefined);
    o.onFailure?.(error);
  });

  return {
    async pending() {
      const info = await o.jsm.consumers.info(o.stream, durable);
      return info.num_pending + info.num_ack_pending;
    },
    async stop() {
      stopping = true;
      // A batch in hand commits or rolls back promptly; a pull still waiting for messages is not worth waiting
      // for (nothing un-acked is lost: the next start re-creates the durable at the checkpoint).
      const closed = Promise.all([messages.close().catch(() => undefined), loop]);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(timer);
    },
  };
};
