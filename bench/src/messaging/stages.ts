import { type JetStreamClient } from '@nats-io/jetstream';
import { type EventStore } from '@rooftop/eventsourcing';
import pg from 'pg';
import { percentile } from '../stats.js';
import { type BenchContext } from '../suite.js';

/**
 * The stages an event passes from its commit to the consumer, in order. Each is a `performance.now()` in the
 * bench's one process: `committed` when appendToStream returned; `notified` when the first wake-up NOTIFY after
 * that reached a LISTEN connection of the bench's own (the relay's listener gets the same notification); `read`
 * when the relay's subscription handed over the batch holding it; `acked` when JetStream acknowledged its
 * publish to the relay; `consumed` when the durable consumer called its handler.
 */
export const stages = ['committed', 'notified', 'read', 'acked', 'consumed'] as const;
export type Stage = (typeof stages)[number];

/** One timestamp per stage and event id; the first mark of a stage wins (a redelivery does not move it). */
export class StageClock {
  private readonly marks = new Map<Stage, Map<string, number>>(stages.map((stage) => [stage, new Map()]));
  /** Arrival times of the wake-up notifications, ascending. */
  private readonly notifications: number[] = [];

  mark(stage: Stage, eventId: string, at = performance.now()): void {
    const marks = this.marks.get(stage)!;
    if (!marks.has(eventId)) marks.set(eventId, at);
  }

  has(stage: Stage, eventId: string): boolean {
    return this.marks.get(stage)!.has(eventId);
  }

  at(stage: Stage, eventId: string): number | undefined {
    return this.marks.get(stage)!.get(eventId);
  }

  notified(at = performance.now()): void {
    this.notifications.push(at);
  }

  /** `notified` of every committed event: the first notification that arrived after its commit. */
  resolveNotified(ids: readonly string[]): void {
    for (const id of ids) {
      const committed = this.at('committed', id);
      if (committed === undefined) continue;
      const arrival = firstAtOrAfter(this.notifications, committed);
      if (arrival !== undefined) this.mark('notified', id, arrival);
    }
  }
}

const firstAtOrAfter = (sorted: readonly number[], value: number): number | undefined => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return sorted[low];
};

/** p99 (and p50) of `to - from` over the events that have both marks. */
export const stagePercentiles = (clock: StageClock, ids: readonly string[], from: Stage, to: Stage): { p50: number; p99: number } => {
  const spans = ids.flatMap((id) => {
    const start = clock.at(from, id);
    const end = clock.at(to, id);
    return start === undefined || end === undefined ? [] : [Math.max(0, end - start)];
  });
  return spans.length === 0 ? { p50: Number.NaN, p99: Number.NaN } : { p50: percentile(spans, 50), p99: percentile(spans, 99) };
};

/** The relay's store, marking `read` for every event of a batch its subscription yields. */
export const tracedStore = <T extends EventStore>(store: T, clock: StageClock): T =>
  new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'subscribe') return Reflect.get(target, property, receiver);
      return async function* (options: Parameters<EventStore['subscribe']>[0]) {
        for await (const batch of target.subscribe(options)) {
          const now = performance.now();
          for (const event of batch.events) clock.mark('read', event.eventId, now);
          yield batch;
        }
      };
    },
  });

/** The relay's JetStream client, marking `acked` when each publish's ack arrives (keyed by its Nats-Msg-Id). */
export const tracedJetStream = (js: JetStreamClient, clock: StageClock): JetStreamClient =>
  new Proxy(js, {
    get(target, property, receiver) {
      if (property !== 'publish') return Reflect.get(target, property, receiver);
      return (...args: Parameters<JetStreamClient['publish']>) => {
        const ack = target.publish(...args);
        const id = args[2]?.msgID;
        if (id !== undefined)
          void ack.then(
            () => clock.mark('acked', id),
            () => undefined,
          );
        return ack;
      };
    },
  });

/** A LISTEN connection of the bench's own on the store's channel, noting when each wake-up arrives. */
export const listenForWakeUps = async (context: BenchContext, connectionString: string, channel: string, clock: StageClock): Promise<void> => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on('error', () => undefined);
  client.on('notification', (message) => {
    if (message.channel === channel) clock.notified();
  });
  await client.query(`LISTEN "${channel}"`);
  context.defer(() => client.end());
};
