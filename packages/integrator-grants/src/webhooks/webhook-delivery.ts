import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { integratorEventsFilter, integratorStreamName } from '@rooftop/contracts';
import { RooftopError } from '@rooftop/eventsourcing';
import { signWebhook, WEBHOOK_HEADERS } from '@rooftop/events-client';
import {
  backoffDelay,
  CLOUDEVENTS_CONTENT_TYPE,
  DEAD_LETTER_HEADERS,
  DEAD_LETTER_STREAM,
  describeError,
  ensureDeadLetterStream,
  type MessagingLogger,
  publishDeadLetter,
  silentLogger,
  sleep,
} from '@rooftop/messaging';

export interface WebhookOptions {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** The integrator (its grant's name): deliveries read `INTEGRATOR_<NAME>`. */
  readonly integrator: string;
  /** Where events are POSTed (`https://…`; `http://` for loopback only). */
  readonly url: string;
  /** `whsec_…` (Standard Webhooks); the receiver verifies with the same secret. */
  readonly secret: string;
  /** Attempts per event before it is dead-lettered (default 8). */
  readonly maxAttempts?: number;
  /** Backoff between attempts: exponential with jitter from `retryBaseMs` (1 s) to `retryMaxMs` (5 min). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Per request (default 10 s); a slower receiver counts as a failed attempt. */
  readonly timeoutMs?: number;
  readonly logger?: MessagingLogger;
  /** For tests: the clock of `webhook-timestamp`. */
  readonly now?: () => Date;
}

export class WebhookDeliveryError extends RooftopError {
  constructor(status: number | undefined, detail: string) {
    super('WEBHOOK_DELIVERY_FAILED', `webhook delivery failed: ${detail}`, status === undefined ? {} : { status });
  }
}

export interface WebhookStats {
  delivered: number;
  failedAttempts: number;
  deadLettered: number;
}

export interface WebhookDeadLetter {
  /** Its sequence in DEAD_LETTERS (what `redeliver` takes). */
  readonly sequence: number;
  /** Its sequence in the integrator's stream. */
  readonly streamSequence: number;
  readonly eventId: string;
  readonly error: string;
}

/** The durable consumer's name on the integrator's stream. */
export const webhookDurable = (integrator: string): string => `webhook-${integrator}`;

/** Dead letters of an integrator's webhook: `rooftop.dlq.webhook-<name>` in DEAD_LETTERS. */
export const webhookDeadLetterSubject = (integrator: string): string => `rooftop.dlq.${webhookDurable(integrator)}`;

const ACK_WAIT_MS = 30_000;

/**
 * Delivers an integrator's stream over HTTP: each event as a structured CloudEvent (`application/cloudevents+json`)
 * signed the Standard Webhooks way, one at a time in stream order, from a durable JetStream consumer (the
 * server keeps the position: a restarted worker continues where the last ack was). A failed attempt (network
 * error, timeout, any status but 2xx) is retried with exponential backoff; after `maxAttempts` the event goes
 * to the dead-letter list and the next one is delivered. Delivery is at least once: a crash between the
 * receiver's 2xx and the ack sends the event again with the same `webhook-id` (the event id) — receivers dedup
 * on it. Memory is one event in hand (the pull asks for one); time per event is bounded by
 * `maxAttempts × (timeoutMs + retryMaxMs)`.
 */
export class WebhookDelivery {
  readonly stats: WebhookStats = { delivered: 0, failedAttempts: 0, deadLettered: 0 };
  private readonly stream: string;
  private readonly durable: string;
  private readonly logger: MessagingLogger;
  private abort = new AbortController();
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(private readonly options: WebhookOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
      throw new WebhookDeliveryError(undefined, `${options.url}: https only (http for loopback)`);
    }
    signWebhook(options.secret, 'check', 0, '');
    this.stream = integratorStreamName(options.integrator);
    this.durable = webhookDurable(options.integrator);
    this.logger = options.logger ?? silentLogger;
  }

  /** Creates the durable at the stream's start if it does not exist yet (or at `fromSequence`), and delivers. */
  async start(fromSequence?: number): Promise<void> {
    const { jsm, js } = this.options;
    await ensureDeadLetterStream(jsm);
    if (fromSequence !== undefined) await this.deleteDurable();
    try {
      await jsm.consumers.info(this.stream, this.durable);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
      await jsm.consumers.add(this.stream, {
        durable_name: this.durable,
        filter_subject: integratorEventsFilter(this.options.integrator),
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(ACK_WAIT_MS),
        max_ack_pending: 1,
        ...(fromSequence === undefined ? { deliver_policy: DeliverPolicy.All } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSequence }),
      });
    }
    this.abort = new AbortController();
    const consumer = await js.consumers.get(this.stream, this.durable);
    const messages = await consumer.consume({ max_messages: 1 });
    this.messages = messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        if (this.abort.signal.aborted) break;
        await this.deliver(msg);
      }
    })().catch((error: unknown) => {
      if (!this.abort.signal.aborted) this.logger.error({ stream: this.stream, ...describeError(error) }, 'webhook delivery stopped');
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.messages?.close();
    await this.loop;
  }

  /** Replay: the durable is re-created at `fromSequence` (a stream sequence, or `sequenceForBusinessDate`'s answer). */
  async replayFrom(fromSequence: number): Promise<void> {
    await this.stop();
    await this.start(Math.max(1, fromSequence));
  }

  /** The events given up on, oldest first (at most `limit`). */
  async deadLetters(limit = 1_000): Promise<WebhookDeadLetter[]> {
    const subject = webhookDeadLetterSubject(this.options.integrator);
    const info = await this.options.jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: subject });
    const count = info.state.subjects?.[subject] ?? 0;
    if (count === 0) return [];
    const consumer = await this.options.js.consumers.get(DEAD_LETTER_STREAM, { filter_subjects: subject, headers_only: true });
    const list: WebhookDeadLetter[] = [];
    const messages = await consumer.consume({ max_messages: Math.min(limit, 256) });
    try {
      for await (const msg of messages) {
        list.push({
          sequence: msg.seq,
          streamSequence: Number(msg.headers?.get(DEAD_LETTER_HEADERS.streamSeq)),
          eventId: msg.headers?.get('Rooftop-Event-Id') ?? '',
          error: msg.headers?.get(DEAD_LETTER_HEADERS.error) ?? '',
        });
        if (list.length >= Math.min(limit, count) || msg.info.pending === 0) break;
      }
    } finally {
      await messages.close();
    }
    return list;
  }

  /** Sends a dead letter again (all its attempts); on success it leaves the list. Returns whether it was delivered. */
  async redeliver(sequence: number): Promise<boolean> {
    const dead = await this.options.jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq: sequence });
    if (!dead || dead.subject !== webhookDeadLetterSubject(this.options.integrator))
      throw new WebhookDeliveryError(undefined, `dead letter ${sequence} is not this webhook's`);
    const eventId = dead.header.get('Rooftop-Event-Id');
    const delivered = await this.attempts(eventId, dead.data);
    if (delivered) await this.options.jsm.streams.deleteMessage(DEAD_LETTER_STREAM, sequence);
    return delivered;
  }

  private async deliver(msg: JsMsg): Promise<void> {
    const eventId = msg.headers?.get('Nats-Msg-Id') ?? `${this.stream}:${msg.seq}`;
    const delivered = await this.attempts(eventId, msg.data, () => msg.working());
    if (this.abort.signal.aborted && !delivered) {
      msg.nak(); // stopped between attempts: the event comes again, first
      return;
    }
    if (!delivered) {
      const h = msg.headers;
      h?.set('Rooftop-Event-Id', eventId);
      await publishDeadLetter(
        this.options.js,
        webhookDeadLetterSubject(this.options.integrator),
        this.durable,
        msg,
        new WebhookDeliveryError(undefined, `${this.options.maxAttempts ?? 8} attempts failed`),
      );
      this.stats.deadLettered++;
      this.logger.warn({ stream: this.stream, eventId, sequence: msg.seq }, 'webhook dead-lettered');
    } else {
      this.stats.delivered++;
    }
    await msg.ackAck();
  }

  /** Up to `maxAttempts` POSTs with backoff between; true once one is answered 2xx. */
  private async attempts(eventId: string, body: Uint8Array, keepAlive?: () => void): Promise<boolean> {
    const text = new TextDecoder().decode(body);
    const max = this.options.maxAttempts ?? 8;
    for (let attempt = 0; attempt < max; attempt++) {
      if (this.abort.signal.aborted) return false;
      keepAlive?.();
      try {
        await this.post(eventId, text);
        return true;
      } catch (error) {
        this.stats.failedAttempts++;
        this.logger.warn({ stream: this.stream, eventId, attempt: attempt + 1, ...describeError(error) }, 'webhook attempt failed');
        if (attempt + 1 < max) await this.pause(backoffDelay(attempt, this.options.retryBaseMs ?? 1_000, this.options.retryMaxMs ?? 300_000), keepAlive);
      }
    }
    return false;
  }

  /** Waits between attempts, telling the server every ack_wait/3 that the event is still in hand. */
  private async pause(ms: number, keepAlive?: () => void): Promise<void> {
    const until = Date.now() + ms;
    while (!this.abort.signal.aborted && Date.now() < until) {
      keepAlive?.();
      await sleep(Math.min(until - Date.now(), ACK_WAIT_MS / 3), this.abort.signal);
    }
  }

  private async post(eventId: string, body: string): Promise<void> {
    const timestamp = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    // Not aborted by stop(): a request under way finishes (within the timeout), so a delivered event gets acked.
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': CLOUDEVENTS_CONTENT_TYPE,
          [WEBHOOK_HEADERS.id]: eventId,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(this.options.secret, eventId, timestamp, body),
        },
        body,
        signal,
        redirect: 'error',
      });
    } catch (error) {
      throw new WebhookDeliveryError(undefined, describeError(error).error);
    }
    // The body is not needed; reading at most what arrives keeps a chatty receiver from holding memory.
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) throw new WebhookDeliveryError(response.status, `HTTP ${response.status}`);
  }

  private async deleteDurable(): Promise<void> {
    try {
      await this.options.jsm.consumers.delete(this.stream, this.durable);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
    }
  }
}
