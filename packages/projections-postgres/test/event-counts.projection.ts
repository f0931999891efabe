import { type PgProjection } from '@rooftop/projections-postgres';
import { REFUND, SALE } from './daily-totals.projection.js';

/** Events per type; never looks at the amount, so a malformed amount is no poison here. */
export const eventCounts = (name = 'event_counts'): PgProjection => ({
  name,
  version: 1,
  eventTypes: [SALE, REFUND],
  async setup({ client }) {
    await client.query('CREATE TABLE IF NOT EXISTS event_counts (type text PRIMARY KEY, events bigint NOT NULL)');
  },
  async apply(events, { client }) {
    await client.query(
      `INSERT INTO event_counts (type, events)
       SELECT type, count(*) FROM unnest($1::text[]) AS t(type) GROUP BY type
       ON CONFLICT (type) DO UPDATE SET events = event_counts.events + EXCLUDED.events`,
      [events.map((e) => e.type)],
    );
  },
});
