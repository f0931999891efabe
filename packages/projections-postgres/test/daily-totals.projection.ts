import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type PgProjection } from '@rooftop/projections-postgres';

export const SALE = 'SaleRecorded';
export const REFUND = 'RefundRecorded';

export interface SaleData {
  /** Text on purpose: a value that is not an integer makes the SQL cast fail, which is our poison event. */
  readonly amountFen: string;
}

/** `sales-deal-42` → `deal`: the stream type the totals are grouped by. */
export const streamType = (streamId: string): string => streamId.split('-')[1] ?? streamId;

const row = (event: RecordedEvent) => ({
  stream_type: streamType(event.streamId),
  day: event.metadata.occurredAt.slice(0, 10),
  kind: event.type,
  amount: (event.data as SaleData).amountFen,
});

/**
 * Counts and sums per stream type and business day, set-based: the whole batch is one
 * INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE. Not idempotent on purpose, so applying an event twice
 * (or never) shows up in the totals. Version 2 adds the largest sale, to prove a version bump rebuilds.
 */
export const dailyTotals = (options: { name?: string; version?: number } = {}): PgProjection => {
  const version = options.version ?? 1;
  const withLargest = version >= 2;
  return {
    name: options.name ?? 'daily_totals',
    version,
    eventTypes: [SALE, REFUND],
    async setup({ client }) {
      await client.query(`CREATE TABLE IF NOT EXISTS daily_totals (
        stream_type text NOT NULL,
        day date NOT NULL,
        events bigint NOT NULL,
        sales_fen bigint NOT NULL,
        refunds_fen bigint NOT NULL,
        ${withLargest ? 'largest_sale_fen bigint NOT NULL,' : ''}
        PRIMARY KEY (stream_type, day))`);
    },
    async apply(events, { client }) {
      await client.query(
        `INSERT INTO daily_totals (stream_type, day, events, sales_fen, refunds_fen ${withLargest ? ', largest_sale_fen' : ''})
         SELECT stream_type, day::date, count(*),
                coalesce(sum(amount::bigint) FILTER (WHERE kind = '${SALE}'), 0),
                coalesce(sum(amount::bigint) FILTER (WHERE kind = '${REFUND}'), 0)
                ${withLargest ? `, coalesce(max(amount::bigint) FILTER (WHERE kind = '${SALE}'), 0)` : ''}
           FROM jsonb_to_recordset($1::jsonb) AS r(stream_type text, day text, kind text, amount text)
          GROUP BY stream_type, day
         ON CONFLICT (stream_type, day) DO UPDATE SET
           events = daily_totals.events + EXCLUDED.events,
           sales_fen = daily_totals.sales_fen + EXCLUDED.sales_fen,
           refunds_fen = daily_totals.refunds_fen + EXCLUDED.refunds_fen
           ${withLargest ? ', largest_sale_fen = greatest(daily_totals.largest_sale_fen, EXCLUDED.largest_sale_fen)' : ''}`,
        [JSON.stringify(events.map(row))],
      );
    },
  };
};
