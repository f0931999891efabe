import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsOptions {
  readonly service: string;
  readonly storeId?: string;
  /** Process/runtime metrics (CPU, memory, event-loop lag, GC); on unless a test wants a quiet registry. */
  readonly defaultMetrics?: boolean;
}

/**
 * One registry per process, passed to whatever creates metrics (never the prom-client global registry, so two
 * processes' worth of wiring in one test run cannot collide). Every series carries `service` and, in a store,
 * `store`, which is what lets one Prometheus scrape many stores and services.
 */
export const createMetricsRegistry = (options: MetricsOptions): Registry => {
  const registry = new Registry();
  registry.setDefaultLabels(options.storeId === undefined ? { service: options.service } : { service: options.service, store: options.storeId });
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return registry;
};

export { Counter, Gauge, Histogram, Summary, Registry } from 'prom-client';
