import { type EventStore } from '@rooftop/eventsourcing';
import { Counter, Gauge, type Registry } from 'prom-client';

export interface RelayLag {
  /** Head position of the store log minus the relay's checkpoint (positions are not dense). */
  readonly positionsBehind: number;
  /** Events not yet relayed (counted up to `lagScanLimit`; a lower bound beyond it). */
  readonly eventsBehind: number;
  /** Age of the oldest event not yet relayed (0 when caught up). */
  readonly secondsBehind: number;
}

/** How far `checkpoint` is behind the store's head, in positions, events (up to `scanLimit` when the store cannot count) and seconds. */
export const relayLag = async (store: EventStore, checkpoint: number, scanLimit: number): Promise<RelayLag> => {
  const [head, oldest] = await Promise.all([store.headPosition(), store.readAll({ after: checkpoint, maxCount: 1 })]);
  // Positions are not dense; an adapter that can count exactly (PostgreSQL) is asked, others are scanned.
  const counting = store as EventStore & { countBehind?: (after: number) => Promise<number> };
  const eventsBehind =
    typeof counting.countBehind === 'function'
      ? await counting.countBehind(checkpoint)
      : (await store.readAll({ after: checkpoint, maxCount: scanLimit })).events.length;
  const first = oldest.events[0];
  return {
    positionsBehind: Math.max(0, head - checkpoint),
    eventsBehind,
    secondsBehind: first ? Math.max(0, (Date.now() - first.recordedAt.getTime()) / 1000) : 0,
  };
};

export interface RelayMetrics {
  published(count: number): void;
  publishFailed(): void;
}

const noMetrics: RelayMetrics = { published: () => undefined, publishFailed: () => undefined };

/**
 * Prometheus metrics of one relay, labelled by relay name. Lag gauges are computed on scrape, so an alert on
 * `rooftop_relay_seconds_behind` fires even while the relay is stuck retrying (NATS down, stream full).
 */
export const relayMetrics = (registry: Registry | undefined, relay: string, lag: () => Promise<RelayLag>): RelayMetrics => {
  if (!registry) return noMetrics;
  const labels = { relay };
  const metric = <T>(name: string, create: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? create();
  // One lag query per scrape serves all three gauges.
  let cached: { at: number; value: Promise<RelayLag> } | undefined;
  const current = () => {
    if (!cached || Date.now() - cached.at > 1_000) cached = { at: Date.now(), value: lag() };
    return cached.value;
  };
  const gauge = (name: string, help: string, pick: (l: RelayLag) => number) => {
    const g = metric(name, () => new Gauge({ name, help, labelNames: ['relay'], registers: [registry] })) as Gauge & {
      collect?: () => Promise<void> | void;
    };
    // prom-client awaits `collect` on scrape; chained so several relays can share one registry.
    const previous = g.collect;
    g.collect = async () => {
      await previous?.call(g);
      g.set(labels, pick(await current()));
    };
  };
  gauge('rooftop_relay_positions_behind', 'Store log head position minus relay checkpoint', (l) => l.positionsBehind);
  gauge('rooftop_relay_events_behind', 'Stored events not yet acknowledged by JetStream', (l) => l.eventsBehind);
  gauge('rooftop_relay_seconds_behind', 'Age of the oldest event not yet relayed', (l) => l.secondsBehind);
  const published = metric(
    'rooftop_relay_published_total',
    () => new Counter({ name: 'rooftop_relay_published_total', help: 'Events acknowledged by JetStream', labelNames: ['relay'], registers: [registry] }),
  );
  const failures = metric(
    'rooftop_relay_publish_failures_total',
    () =>
      new Counter({ name: 'rooftop_relay_publish_failures_total', help: 'Failed publish attempts (retried)', labelNames: ['relay'], registers: [registry] }),
  );
  return {
    published: (count) => published.inc(labels, count),
    publishFailed: () => failures.inc(labels),
  };
};
