import { type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import {
  type ContractRegistry,
  GROUP_STREAM_NAME,
  integratorEventSubject,
  integratorIndexFilter,
  integratorIndexSubject,
  integratorStoreFilter,
  integratorStreamName,
} from '@rooftop/contracts';
import { businessDateOf } from '@rooftop/kpis';
import {
  backoffDelay,
  type CloudEvent,
  CLOUDEVENTS_CONTENT_TYPE,
  cloudEventSchema,
  describeError,
  maskPersonalData,
  type MessagingLogger,
  parseCloudEventType,
  silentLogger,
  sleep,
} from '@rooftop/messaging';
import { type Grant, grantAdmits } from '../grant.js';
import { ensureIntegratorStream, type IntegratorStreamOptions } from './integrator-stream.js';

/** Headers of every message of an integrator stream (the feed resumes from them). */
export const FEED_HEADERS = {
  groupSequence: 'Rooftop-Group-Sequence',
  position: 'Rooftop-Position',
  previousPosition: 'Rooftop-Previous-Position',
} as const;

export interface IntegratorFeedOptions {
  /** Where the integrator's stream is (created, resumed, written). */
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /**
   * Where GROUP_EVENTS is read; default `js`. With accounts per trust zone the integrators' streams live in their
   * own account and the feed reads HQ's through a second connection.
   */
  readonly sourceJs?: JetStreamClient;
  readonly grant: Grant;
  readonly registry: ContractRegistry;
  /** The store's IANA zone (HQ's store directory); undefined for a store not in it yet: the feed waits for it. */
  readonly timeZoneOf: (storeId: string) => string | undefined | Promise<string | undefined>;
  /** Default `GROUP_EVENTS`. */
  readonly groupStream?: string;
  readonly stream?: IntegratorStreamOptions;
  readonly logger?: MessagingLogger;
  /** Backoff of a failing publish or an unknown store's zone (default 100 ms .. 5 s). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

export interface IntegratorFeedStats {
  /** Events published to the integrator's stream. */
  forwarded: number;
  /** Events outside the grant. */
  filtered: number;
  /** Messages of GROUP_EVENTS that are not CloudEvents (HQ dead-letters them; the feed passes them by). */
  undecodable: number;
  /** The last GROUP_EVENTS sequence the feed is done with. */
  groupSequence: number;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

const parseEnvelope = (data: Uint8Array): CloudEvent | undefined => {
  try {
    const parsed = cloudEventSchema.safeParse(JSON.parse(decoder.decode(data)));
    return parsed.success ? (parsed.data as CloudEvent) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Feeds one integrator's stream from GROUP_EVENTS: every event inside the grant, personal data masked as
 * granted, with the store's time zone and the event's business date added (`storetimezone`, `businessdate`) and
 * `previousposition` re-chained to the store's previous event *in this stream*, so the integrator's client can
 * tell a missing event whatever the grant filters out.
 *
 * Exactly once: events are published one at a time in GROUP_EVENTS order with `Nats-Msg-Id` = event id, each
 * carrying its GROUP_EVENTS sequence; at start the feed reads the stream's last message and resumes after it,
 * so a restart neither skips nor repeats, whatever the duplicate window. The business-date index gets one
 * message per (business date, store), stored just before the first such event.
 */
export class IntegratorFeed {
  readonly stats: IntegratorFeedStats = { forwarded: 0, filtered: 0, undecodable: 0, groupSequence: 0 };
  private readonly stream: string;
  private readonly logger: MessagingLogger;
  private readonly abort = new AbortController();
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly indexed = new Set<string>();
  private readonly lastPosition = new Map<string, number>();

  constructor(private readonly options: IntegratorFeedOptions) {
    this.stream = integratorStreamName(options.grant.name);
    this.logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    await ensureIntegratorStream(this.options.jsm, this.options.grant.name, this.options.stream);
    const startSequence = await this.resume();
    this.stats.groupSequence = startSequence - 1;
    const consumer = await (this.options.sourceJs ?? this.options.js).consumers.get(this.options.groupStream ?? GROUP_STREAM_NAME, {
      opt_start_seq: startSequence,
    });
    this.messages = await consumer.consume({ max_messages: 256 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        if (this.abort.signal.aborted) break;
        await this.forward(msg);
        this.stats.groupSequence = msg.seq;
      }
    })().catch((error: unknown) => {
      if (!this.abort.signal.aborted) this.logger.error({ stream: this.stream, ...describeError(error) }, 'integrator feed stopped');
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.messages?.close();
    await this.loop;
  }

  /** Reads where the stream ends: the GROUP_EVENTS sequence to start at, the index written, each store's last position. */
  private async resume(): Promise<number> {
    const { jsm, grant } = this.options;
    const info = await jsm.streams.info(this.stream, { subjects_filter: integratorIndexFilter(grant.name) });
    for (const subject of Object.keys(info.state.subjects ?? {})) this.indexed.add(subject);
    if (info.state.last_seq === 0) return 1;
    const stores = new Set<string>();
    const events = await jsm.streams.info(this.stream, { subjects_filter: integratorStoreFilter(grant.name, '*') });
    for (const subject of Object.keys(events.state.subjects ?? {})) stores.add(subject.split('.')[4]!);
    for (const storeId of stores) {
      const last = await jsm.streams.getMessage(this.stream, { last_by_subj: integratorStoreFilter(grant.name, storeId) });
      if (last) this.lastPosition.set(storeId, Number(last.header.get(FEED_HEADERS.position)));
    }
    const last = await jsm.streams.getMessage(this.stream, { seq: info.state.last_seq });
    if (!last) throw new Error(`${this.stream}: its last message ${info.state.last_seq} could not be read`);
    const groupSequence = Number(last.header.get(FEED_HEADERS.groupSequence));
    // An index message is written just before its event: if it is the last, that event is still to come.
    return last.subject.startsWith(`integrator.${grant.name}.index.`) ? groupSequence : groupSequence + 1;
  }

  private async forward(msg: JsMsg): Promise<void> {
    const { grant, registry } = this.options;
    const event = parseEnvelope(msg.data);
    const kind = event ? parseCloudEventType(event.type) : undefined;
    if (!event || !kind) {
      this.stats.undecodable++;
      return;
    }
    if (!grantAdmits(grant, event.storeid, kind.context, kind.eventType)) {
      this.stats.filtered++;
      return;
    }
    const timeZone = await this.zoneOf(event.storeid);
    const businessDate = businessDateOf(event.time, timeZone);
    const masked = maskPersonalData(event, registry, { granted: grant.personalData });
    const previous = this.lastPosition.get(event.storeid) ?? 0;
    const copy: CloudEvent = { ...masked, previousposition: previous, storetimezone: timeZone, businessdate: businessDate };
    const indexSubject = integratorIndexSubject(grant.name, businessDate, event.storeid);
    if (!this.indexed.has(indexSubject)) {
      const body = { businessDate, storeId: event.storeid, groupSequence: msg.seq };
      await this.publish(indexSubject, encoder.encode(JSON.stringify(body)), { id: `index:${businessDate}:${event.storeid}`, groupSequence: msg.seq });
      this.indexed.add(indexSubject);
    }
    const subject = integratorEventSubject(grant.name, event.groupid, event.storeid, kind.context, kind.eventType);
    await this.publish(subject, encoder.encode(JSON.stringify(copy)), { id: event.id, groupSequence: msg.seq, position: event.position, previous });
    this.lastPosition.set(event.storeid, event.position);
    this.stats.forwarded++;
  }

  private async zoneOf(storeId: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const zone = await this.options.timeZoneOf(storeId);
      if (zone !== undefined) return zone;
      if (this.abort.signal.aborted) throw new Error('stopped');
      this.logger.warn({ stream: this.stream, storeId }, 'store not in the directory: waiting for its time zone');
      await sleep(backoffDelay(attempt, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 5_000), this.abort.signal);
    }
  }

  /** Publishes until JetStream stores it (or already has it: same message id); never moves on without. */
  private async publish(subject: string, body: Uint8Array, meta: { id: string; groupSequence: number; position?: number; previous?: number }): Promise<void> {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', meta.id);
    h.set(FEED_HEADERS.groupSequence, String(meta.groupSequence));
    if (meta.position !== undefined) {
      h.set(FEED_HEADERS.position, String(meta.position));
      h.set(FEED_HEADERS.previousPosition, String(meta.previous));
      h.set('Content-Type', CLOUDEVENTS_CONTENT_TYPE);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.js.publish(subject, body, { headers: h, msgID: meta.id });
        return;
      } catch (error) {
        if (this.abort.signal.aborted) throw error;
        this.logger.warn({ stream: this.stream, subject, ...describeError(error) }, 'integrator feed publish failed: retrying');
        await sleep(backoffDelay(attempt, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 5_000), this.abort.signal);
      }
    }
  }
}
