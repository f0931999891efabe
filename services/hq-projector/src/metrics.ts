import { Counter, Gauge, type Registry } from '@rooftop/platform';
import { type BatchOutcome } from './projector/apply-batch.js';

/** Counters of the projector, plus the group stream backlog computed at scrape time. */
export const hqMetrics = (registry: Registry, pending: () => Promise<number>) => {
  const applied = new Counter({
    name: 'rooftop_hq_events_applied_total',
    help: 'Events applied to the HQ read models, by store.',
    labelNames: ['store'],
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'rooftop_hq_events_skipped_total',
    help: 'Deliveries skipped as already applied or already held (per store, stream and version).',
    registers: [registry],
  });
  const held = new Counter({
    name: 'rooftop_hq_events_held_total',
    help: 'Events that arrived before an earlier version of their stream and waited for it (held minus released = waiting now).',
    registers: [registry],
  });
  const released = new Counter({
    name: 'rooftop_hq_events_released_total',
    help: 'Held events applied once their predecessor arrived.',
    registers: [registry],
  });
  const deadLettered = new Counter({
    name: 'rooftop_hq_dead_letters_total',
    help: 'GROUP_EVENTS messages dead-lettered (undecodable, or rejected by a projection).',
    registers: [registry],
  });
  const checkpoint = new Gauge({ name: 'rooftop_hq_checkpoint', help: 'Last GROUP_EVENTS sequence committed with the read models.', registers: [registry] });
  new Gauge({
    name: 'rooftop_hq_events_behind',
    help: 'GROUP_EVENTS messages not yet applied (pending + delivered-but-uncommitted).',
    registers: [registry],
    async collect() {
      this.set(await pending().catch(() => -1));
    },
  });
  return (outcome: BatchOutcome, dead: number): void => {
    for (const [store, n] of outcome.perStore) if (n > 0) applied.inc({ store }, n);
    if (outcome.skipped > 0) skipped.inc(outcome.skipped);
    if (outcome.held > 0) held.inc(outcome.held);
    if (outcome.released > 0) released.inc(outcome.released);
    if (dead > 0) deadLettered.inc(dead);
    checkpoint.set(outcome.checkpoint);
  };
};
