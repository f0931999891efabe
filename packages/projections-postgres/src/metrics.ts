import { type EventStore } from '@rooftop/eventsourcing';
import { Counter, Gauge, Registry } from 'prom-client';

/** Events committed after a position (the store's count when it has one; positions need not be dense). */
export type LagSource = (position: number) => Promise<number>;

interface Tracked {
  position: number;
  behind: LagSource;
}

/**
 * The runner's Prometheus metrics. One instance per registry (several runners may share a registry, and
 * prom-client refuses to register a name twice). Lag is computed when scraped, as events behind the head.
 */
export class ProjectionMetrics {
  private static readonly byRegistry = new WeakMap<Registry, ProjectionMetrics>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly poisonCounter: Counter<'projection'>;
  private readonly positionGauge: Gauge<'projection'>;

  static for(registry: Registry = new Registry()): ProjectionMetrics {
    let metrics = ProjectionMetrics.byRegistry.get(registry);
    if (!metrics) {
      metrics = new ProjectionMetrics(registry);
      ProjectionMetrics.byRegistry.set(registry, metrics);
    }
    return metrics;
  }

  private constructor(registry: Registry) {
    this.poisonCounter = new Counter({
      name: 'rooftop_projection_poison_events_total',
      help: 'Events a projection failed to apply (parked or stopped on), by projection.',
      labelNames: ['projection'],
      registers: [registry],
    });
    this.positionGauge = new Gauge({
      name: 'rooftop_projection_position',
      help: 'Global log position up to which the projection has committed its read model.',
      labelNames: ['projection'],
      registers: [registry],
    });
    const tracked = this.tracked;
    new Gauge({
      name: 'rooftop_projection_lag_events',
      help: 'Events in the log (of any type) committed after the projection checkpoint.',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        for (const [projection, entry] of tracked) {
          const behind = await entry.behind(entry.position).catch(() => undefined);
          if (behind !== undefined) this.set({ projection }, behind);
        }
      },
    });
  }

  track(projection: string, behind: LagSource): void {
    if (!this.tracked.has(projection)) this.tracked.set(projection, { position: 0, behind });
  }

  position(projection: string, position: number): void {
    const entry = this.tracked.get(projection);
    if (entry) entry.position = position;
    this.positionGauge.set({ projection }, position);
  }

  poison(projection: string): void {
    this.poisonCounter.inc({ projection });
  }
}

/**
 * The PostgreSQL store's positions are `xid << 16 | index`, so `head - position` says nothing about how many
 * events are behind; use the store's own count when it offers one, and the position difference only for a
 * dense log (the in-memory store).
 */
export const lagSource = (store: EventStore): LagSource => {
  const counting = store as EventStore & { countBehind?: (after: number) => Promise<number> };
  if (typeof counting.countBehind === 'function') return (position) => counting.countBehind!(position);
  return async (position) => Math.max(0, (await store.headPosition()) - position);
};
