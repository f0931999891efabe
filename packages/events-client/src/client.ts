import { type ConsumerMessages, type JetStreamClient, jetstream, type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection, nkeyAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { type ContractRegistry, integratorEventsFilter, integratorInboxPrefix, integratorStreamName, platformRegistry } from '@rooftop/contracts';
import { type Checkpoint, type CheckpointStore } from './checkpoint.js';
import { decodeIntegratorEvent, type IntegratorEvent } from './event.js';
import { type RooftopEventType } from './generated/events.js';
import { sequenceForBusinessDate } from './replay.js';

export class EventsClientConfigError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'EventsClientConfigError';
  }
}

/** An event of a store arrived whose predecessor in the stream is not the one this client handled last. */
export interface Gap {
  readonly storeId: string;
  /** The position of the store's last event this client handled. */
  readonly expectedPrevious: number;
  /** What the arriving event names as its predecessor. */
  readonly previousPosition: number;
  readonly position: number;
  readonly sequence: number;
}

export type Handler<T extends RooftopEventType> = (event: IntegratorEvent<T>) => void | Promise<void>;

export interface EventsClientOptions {
  /** The integrator's name in its grant. */
  readonly integrator: string;
  /** HQ's NATS (`nats://hq.example:4222`), with the nkey seed the grant issued… */
  readonly servers?: string | string[];
  readonly seed?: string;
  /** …or a connection made with `inboxPrefix: integratorInboxPrefix(integrator)` (the client does not close it). */
  readonly connection?: NatsConnection;
  readonly checkpoints: CheckpointStore;
  /** What to do on a gap; default: nothing but counting it in `stats.gaps`. Throw to stop the client. */
  readonly onGap?: (gap: Gap) => void | Promise<void>;
  /** How many recent event ids the dedup remembers (default 10,000; kept in the checkpoint). */
  readonly dedupWindow?: number;
  /** Default the platform's contracts (this client's version of them). */
  readonly registry?: ContractRegistry;
}

/** Where `start` begins: the checkpoint (default; the stream's start if none), a stream sequence, or a business date. */
export type StartFrom =
  { readonly checkpoint: true } | { readonly sequence: number } | { readonly businessDate: string; readonly storeIds?: readonly string[] };

export interface EventsClientStats {
  handled: number;
  duplicates: number;
  /** Events before the business date a replay started from. */
  skippedBeforeDate: number;
  gaps: Gap[];
  /** The last stream sequence handled. */
  sequence: number;
}

/**
 * Reads an integrator's stream at HQ with typed handlers: `client.on('sales.VehicleDelivered', (e) => …)`.
 * Each event is handled once per client (dedup by CloudEvent id over the last `dedupWindow` ids), in stream
 * order; the checkpoint is saved after each handled event, so a restart resumes after the last one. A handler
 * that throws stops the client before the checkpoint moves (the event comes again on the next start).
 */
export class EventsClient {
  readonly stats: EventsClientStats = { handled: 0, duplicates: 0, skippedBeforeDate: 0, gaps: [], sequence: 0 };
  private readonly handlers = new Map<string, Handler<RooftopEventType>[]>();
  private readonly registry: ContractRegistry;
  private readonly dedupWindow: number;
  private nc?: NatsConnection;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private positions = new Map<string, number>();
  private recent: string[] = [];
  private recentSet = new Set<string>();
  private fromDate?: string;
  private stopping = false;
  private fromStreamStart = false;

  constructor(private readonly options: EventsClientOptions) {
    this.registry = options.registry ?? platformRegistry;
    this.dedupWindow = options.dedupWindow ?? 10_000;
  }

  on<T extends RooftopEventType>(type: T, handler: Handler<T>): this {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as unknown as Handler<RooftopEventType>);
    this.handlers.set(type, list);
    return this;
  }

  /** Connects (if given servers), finds where to start and runs; `done()` settles when it stops or fails. */
  async start(from: StartFrom = { checkpoint: true }): Promise<void> {
    const nc = this.options.connection ?? (await this.connect());
    this.nc = nc;
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const startSequence = await this.startSequence(js, jsm, from);
    this.fromStreamStart = startSequence === 1 && this.fromDate === undefined;
    const consumer = await js.consumers.get(integratorStreamName(this.options.integrator), {
      filter_subjects: integratorEventsFilter(this.options.integrator),
      opt_start_seq: startSequence,
    });
    const messages = await consumer.consume({ max_messages: 256 });
    this.messages = messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        if (this.stopping) break;
        await this.handle(decodeIntegratorEvent(msg.data, msg.seq, this.registry));
      }
    })();
    this.loop.catch(() => this.messages?.close());
  }

  /** Settles when the client stops; rejects with the error that stopped it (a handler's, a decode error, a gap the `onGap` threw). */
  done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
    if (!this.options.connection) await this.nc?.close();
  }

  private async connect(): Promise<NatsConnection> {
    const { servers, seed, integrator } = this.options;
    if (!servers || !seed) throw new EventsClientConfigError('EventsClient needs servers and seed, or a connection');
    return connect({
      servers,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)),
      inboxPrefix: integratorInboxPrefix(integrator),
      maxReconnectAttempts: -1,
    });
  }

  private async startSequence(js: JetStreamClient, jsm: JetStreamManager, from: StartFrom): Promise<number> {
    if ('sequence' in from) return Math.max(1, from.sequence);
    if ('businessDate' in from) {
      this.fromDate = from.businessDate;
      return sequenceForBusinessDate(js, jsm, this.options.integrator, from.businessDate, from.storeIds);
    }
    const checkpoint = await this.options.checkpoints.load();
    if (!checkpoint) return 1;
    this.positions = new Map(Object.entries(checkpoint.positions));
    this.recent = [...checkpoint.recentIds];
    this.recentSet = new Set(this.recent);
    this.stats.sequence = checkpoint.sequence;
    return checkpoint.sequence + 1;
  }

  private async handle(event: IntegratorEvent): Promise<void> {
    if (this.recentSet.has(event.id)) {
      this.stats.duplicates++;
      return this.advance(event);
    }
    if (this.fromDate !== undefined && event.businessDate < this.fromDate) {
      this.stats.skippedBeforeDate++;
      return this.advance(event);
    }
    // A store's first event is checked only when the client read the stream from its start: mid-stream, the first
    // one seen sets the chain.
    const expected = this.positions.get(event.storeId) ?? (this.fromStreamStart ? 0 : undefined);
    if (expected !== undefined && event.previousPosition !== expected) {
      const gap: Gap = {
        storeId: event.storeId,
        expectedPrevious: expected,
        previousPosition: event.previousPosition,
        position: event.position,
        sequence: event.sequence,
      };
      this.stats.gaps.push(gap);
      await this.options.onGap?.(gap);
    }
    for (const handler of this.handlers.get(event.type) ?? []) await handler(event);
    this.stats.handled++;
    this.remember(event.id);
    await this.advance(event);
  }

  private remember(id: string): void {
    this.recent.push(id);
    this.recentSet.add(id);
    while (this.recent.length > this.dedupWindow) this.recentSet.delete(this.recent.shift()!);
  }

  private async advance(event: IntegratorEvent): Promise<void> {
    this.positions.set(event.storeId, event.position);
    this.stats.sequence = event.sequence;
    const checkpoint: Checkpoint = { sequence: event.sequence, positions: Object.fromEntries(this.positions), recentIds: this.recent };
    await this.options.checkpoints.save(checkpoint);
  }
}
