import { type JetStreamClient, type JetStreamManager, type PubAck } from '@nats-io/jetstream';
import { type ContractRegistry, storeStreamName } from '@rooftop/contracts';
import { type EventStore, type RecordedEvent } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type Registry } from 'prom-client';
import { backoffDelay, sleep } from './backoff.js';
import { EVENT_HEADERS, eventMessage } from './event-message.js';
import { describeError, type MessagingLogger, silentLogger } from './logger.js';
import { CheckpointWriter, loadRelayCheckpoint, migrateRelayCheckpoints } from './relay-checkpoint.js';
import { type RelayLag, relayLag, type RelayMetrics, relayMetrics } from './relay-metrics.js';
import { scanStreamHeaders } from './stream-scan.js';

export interface EventRelayOptions {
  readonly store: EventStore;
  /** Holds `messaging.relay_checkpoints`. */
  readonly pool: pg.Pool;
  readonly js: JetStreamClient;
  /** Default: derived from `js`. */
  readonly jsm?: JetStreamManager;
  readonly groupId: string;
  readonly storeId: string;
  /** Checkpoint name; default `relay:<groupId>:<storeId>`. One running relay per name. */
  readonly name?: string;
  /** Events read and checkpointed together (default 500). */
  readonly batchSize?: number;
  /** Publishes awaiting their ack at once (default 256). */
  readonly maxInFlight?: number;
  readonly publishTimeoutMs?: number;
  /**
   * Send each publish with its predecessor as expectation (`Nats-Expected-Last-Msg-Id` / `-Sequence`), so a
   * publish lost inside the window can never be stored behind later events. Off by default: nats-server 2.9
   * stores these headers with the message and copies them when HQ's `GROUP_EVENTS` sources the store stream,
   * where they are checked against the group stream and every sourced message is refused (docs/messaging.md).
   * Turn it on for a store stream nothing sources, or once the servers strip expectations when sourcing.
   */
  readonly guardLogOrder?: boolean;
  /** Retry backoff after a failed publish or read: base and cap (default 100 ms .. 5 s). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** How many pending events `lag()` counts at most when the store cannot count (default 10,000). */
  readonly lagScanLimit?: number;
  /** Resolves each event's context from its contract (else from its stream id). */
  readonly registry?: ContractRegistry;
  readonly logger?: MessagingLogger;
  /** Prometheus registry for lag gauges and publish counters. */
  readonly metrics?: Registry;
}

/** Thrown inside a batch when a publish was not acknowledged; `acked` events before it were. */
class PublishFailed extends Error {
  constructor(
    readonly acked: number,
    readonly reason: unknown,
  ) {
    super('publish failed');
  }
}

const ignore = () => undefined;

// Stored with each relayed message; a stream tail carrying one was published by a relay in log order.
const EXPECTED_LAST_MSG_ID = 'Nats-Expected-Last-Msg-Id';
const EXPECTED_LAST_SEQUENCE = 'Nats-Expected-Last-Sequence';

/** What the next publish expects the stream's last message to be: an event id, or (after a sync) a sequence. */
type Chain = { readonly lastId: string } | { readonly lastSeq: number };

/**
 * Tails the event store from its checkpoint and publishes each event to JetStream with `Nats-Msg-Id = eventId`.
 * Publishes are pipelined, acks are awaited in order, and the checkpoint moves only after every event of a
 * batch is acknowledged, so an unacknowledged event is never skipped: on any failure the relay lets the window
 * settle, reads the stream's tail and retries from the first event not stored, with capped exponential backoff.
 *
 * In order: every publish expects its predecessor as the stream's last message (`Nats-Expected-Last-Msg-Id`,
 * or `Nats-Expected-Last-Sequence` for the first one after reading the tail), so JetStream refuses the events
 * pipelined behind a lost publish instead of storing them ahead of it.
 *
 * Exactly once: a re-publish within the stream's duplicate window is dropped by JetStream; on start the relay
 * also reads the stream's tail and skips events a previous run published past its checkpoint (so a relay
 * that was down longer than the window still does not duplicate its last batch).
 */
export class EventRelay {
  readonly name: string;
  private readonly stream: string;
  private readonly batchSize: number;
  private readonly maxInFlight: number;
  private readonly logger: MessagingLogger;
  private readonly metrics: RelayMetrics;
  private position = 0;
  /** Event ids past the checkpoint that a previous run already got acknowledged. */
  private readonly fence = new Set<string>();
  private fenceEnd = 0;
  /** Undefined until the stream's tail was read (at start, after a failure). */
  private chain: Chain | undefined;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private readonly checkpoints: CheckpointWriter;

  constructor(private readonly options: EventRelayOptions) {
    this.name = options.name ?? `relay:${options.groupId}:${options.storeId}`;
    this.stream = storeStreamName(options.groupId, options.storeId);
    this.batchSize = options.batchSize ?? 500;
    this.maxInFlight = options.maxInFlight ?? 256;
    this.logger = options.logger ?? silentLogger;
    this.metrics = relayMetrics(options.metrics, this.name, () => this.lag());
    this.checkpoints = new CheckpointWriter(options.pool, this.name, (error) =>
      this.logger.warn({ relay: this.name, checkpoint: this.position, ...describeError(error) }, 'checkpoint write failed; the next one carries it'),
    );
  }

  /** The position up to which every event is acknowledged by JetStream (its write to the table may trail by one batch). */
  get checkpoint(): number {
    return this.position;
  }

  /** Loads the checkpoint and starts relaying in the background; returns once it runs. */
  async start(): Promise<void> {
    if (this.running) return;
    await migrateRelayCheckpoints(this.options.pool);
    this.position = await loadRelayCheckpoint(this.options.pool, this.name);
    const controller = new AbortController();
    this.controller = controller;
    this.running = this.run(controller.signal);
    this.logger.info({ relay: this.name, checkpoint: this.position }, 'relay started');
  }

  /** Stops reading, lets acks already in flight land (checkpointing them), and stops retrying. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
    await this.checkpoints.flush();
    this.running = undefined;
    this.logger.info({ relay: this.name, checkpoint: this.position }, 'relay stopped');
  }

  async lag(): Promise<RelayLag> {
    const checkpoint = Math.max(this.position, await loadRelayCheckpoint(this.options.pool, this.name).catch(() => 0));
    return relayLag(this.options.store, checkpoint, this.options.lagScanLimit ?? 10_000);
  }

  private async run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    let fenced = false;
    while (!signal.aborted) {
      try {
        if (!fenced) {
          await this.loadFence();
          fenced = true;
        }
        await this.relayBatches(signal, () => {
          attempt = 0;
        });
      } catch (error) {
        this.chain = undefined;
        if (signal.aborted) break;
        this.logger.error({ relay: this.name, checkpoint: this.position, ...describeError(error) }, 'relay failed; retrying');
        await sleep(this.retryDelay(attempt++), signal);
      }
    }
  }

  /**
   * Publishes the subscription's batches in order, reading each next batch while the current one is published
   * (one batch ahead: the read and its decode no longer stand between two publish windows).
   */
  private async relayBatches(signal: AbortSignal, progressed: () => void): Promise<void> {
    const batches = this.options.store.subscribe({ after: this.position, batchSize: this.batchSize, signal })[Symbol.asyncIterator]();
    try {
      let next = batches.next();
      for (;;) {
        const item = await next;
        if (item.done) return;
        next = batches.next();
        // Awaited on the next turn; marked handled now, since a failed read-ahead may wait for this batch's acks.
        next.catch(ignore);
        const batch = item.value;
        await this.checkpoints.keepUp(1);
        if (batch.events.length > 0) await this.publishAll(batch.events, signal);
        // Written in the background: the next read does not wait for the checkpoint's round trip (ADR 0031).
        this.position = batch.checkpoint;
        this.checkpoints.save(batch.checkpoint);
        progressed();
        if (this.fence.size > 0 && this.position >= this.fenceEnd) this.fence.clear();
      }
    } finally {
      // Not awaited: a read-ahead may be waiting for the next wake-up; the subscription ends after it.
      void batches.return?.(undefined).catch(ignore);
    }
  }

  private retryDelay(attempt: number): number {
    return backoffDelay(attempt, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 5_000);
  }

  private async jsm(): Promise<JetStreamManager> {
    return this.options.jsm ?? (await this.options.js.jetstreamManager());
  }

  /** Reads the last two batches' worth of stream headers: anything past the checkpoint is already published. */
  private async loadFence(): Promise<void> {
    const jsm = await this.jsm();
    const { state } = await jsm.streams.info(this.stream);
    // The first publish chains onto the stream as it is now: the fenced events are skipped, so whatever the
    // stream ends with (the checkpointed event, one a previous run stored past it, or nothing) comes before it.
    this.chain = { lastSeq: state.last_seq };
    const fromSeq = Math.max(state.first_seq, state.last_seq - 2 * this.batchSize + 1);
    await scanStreamHeaders(
      this.options.js,
      jsm,
      this.stream,
      (entry) => {
        if (entry.eventId !== undefined && entry.position !== undefined && entry.position > this.position) {
          this.fence.add(entry.eventId);
          this.fenceEnd = Math.max(this.fenceEnd, entry.position);
        }
      },
      { fromSeq },
    );
    if (this.fence.size > 0) this.logger.info({ relay: this.name, alreadyPublished: this.fence.size }, 'relay skips events a previous run published');
  }

  /** Publishes a batch until every event is acknowledged; throws only when stopped before that. */
  private async publishAll(events: readonly RecordedEvent[], signal: AbortSignal): Promise<void> {
    let from = 0;
    let attempt = 0;
    for (;;) {
      try {
        await this.publishFrom(events, from);
        this.metrics.published(events.length - from);
        return;
      } catch (error) {
        if (!(error instanceof PublishFailed)) throw error;
        this.metrics.published(error.acked - from);
        this.metrics.publishFailed();
        from = error.acked;
        this.logger.warn(
          { relay: this.name, eventId: events[from]?.eventId, position: events[from]?.globalPosition, ...describeError(error.reason) },
          'publish not acknowledged; retrying',
        );
        if (signal.aborted) throw error;
        await sleep(this.retryDelay(attempt++), signal);
        if (signal.aborted) throw error;
      }
    }
  }

  /**
   * Reads the stream's last sequence, which the next publish will expect. When its last message is one of
   * `events[from..]` published by a relay (it carries an expectation, so everything before it in the batch
   * is stored too), returns the index after it: those events were stored although their acks were lost.
   */
  private async syncTail(events: readonly RecordedEvent[], from: number): Promise<number> {
    const jsm = await this.jsm();
    const { state } = await jsm.streams.info(this.stream);
    let resume = from;
    if (state.messages > 0) {
      const last = await jsm.streams.getMessage(this.stream, { seq: state.last_seq });
      const id = last?.header.get(EVENT_HEADERS.msgId);
      const chained = last?.header.get(EXPECTED_LAST_MSG_ID) || last?.header.get(EXPECTED_LAST_SEQUENCE);
      const index = id && chained ? events.findIndex((e, i) => i >= from && e.eventId === id) : -1;
      if (index >= 0) resume = index + 1;
    }
    this.chain = { lastSeq: state.last_seq };
    return resume;
  }

  /**
   * Pipelines publishes (up to maxInFlight unacknowledged) and awaits the acks in order. Each publish names
   * its predecessor (`Nats-Expected-Last-Msg-Id`; the first after a sync the stream's last sequence), so
   * JetStream refuses every publish behind one that did not get stored: the stream keeps the log's order.
   */
  private async publishFrom(events: readonly RecordedEvent[], start: number): Promise<void> {
    const { js, groupId, storeId, registry } = this.options;
    let from = start;
    if (this.chain === undefined) {
      try {
        from = await this.syncTail(events, start);
      } catch (cause) {
        throw new PublishFailed(start, cause);
      }
    }
    const inFlight: Promise<PubAck | undefined>[] = [];
    let acked = from;
    let chain = this.chain!;
    const settleOldest = async () => {
      try {
        await inFlight.shift();
        acked++;
      } catch (cause) {
        // Everything sent behind it is refused by its expectation (or stored in order if it was stored after
        // all); once all have settled, the next attempt reads the stream's tail and goes on from there.
        await Promise.allSettled(inFlight);
        this.chain = undefined;
        throw new PublishFailed(acked, cause);
      }
    };
    for (let i = from; i < events.length; i++) {
      const event = events[i]!;
      if (this.fence.delete(event.eventId)) {
        inFlight.push(Promise.resolve(undefined));
      } else {
        // The batch was read after this.position, the event before its first one (unfiltered reads end on an event).
        const message = eventMessage(groupId, storeId, event, registry, i > 0 ? events[i - 1]!.globalPosition : this.position);
        const ack = js.publish(message.subject, message.body, {
          msgID: event.eventId,
          headers: message.headers,
          ...(this.options.guardLogOrder ? { expect: 'lastId' in chain ? { lastMsgID: chain.lastId } : { lastSequence: chain.lastSeq } } : {}),
          timeout: this.options.publishTimeoutMs ?? 10_000,
        });
        ack.catch(ignore);
        inFlight.push(ack);
        chain = { lastId: event.eventId };
      }
      // A full window drains to half before publishing again, so the next publishes leave in one socket
      // write; topping it up one ack at a time cost a write (a syscall) per event.
      if (inFlight.length >= this.maxInFlight) while (inFlight.length > this.maxInFlight / 2) await settleOldest();
    }
    while (inFlight.length > 0) await settleOldest();
    this.chain = chain;
  }
}
