/**
 * The read model the rebuild benchmarks project into, shared by both stores so they run the same SQL:
 * per vehicle (VIN), how many workshop events and how much money. Set-based: one statement per batch,
 * whatever its size.
 */
export const readModelTable = 'bench_vehicle_totals';

export const createReadModelSql = `CREATE TABLE IF NOT EXISTS ${readModelTable} (
  vin text PRIMARY KEY,
  events bigint NOT NULL,
  amount_fen bigint NOT NULL,
  last_position bigint NOT NULL
)`;

/**
 * ON CONFLICT cannot touch one row twice in a statement, so the batch is grouped by vehicle first; the
 * additions make applying two halves of a batch equal to applying the whole batch.
 */
export const upsertBatchSql = `INSERT INTO ${readModelTable} AS t (vin, events, amount_fen, last_position)
SELECT vin, count(*), sum(amount_fen), max(position)
  FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS e(vin, amount_fen, position)
 GROUP BY vin
ON CONFLICT (vin) DO UPDATE
   SET events = t.events + excluded.events,
       amount_fen = t.amount_fen + excluded.amount_fen,
       last_position = greatest(t.last_position, excluded.last_position)`;

export interface ReadModelInput {
  readonly vin: string;
  readonly amountFen: number;
  readonly position: number | bigint;
}

export const upsertBatchParams = (events: readonly ReadModelInput[]): [string[], string[], string[]] => [
  events.map((e) => e.vin),
  events.map((e) => String(e.amountFen)),
  events.map((e) => String(e.position)),
];

/** Events the read model has absorbed; `table` may be schema-qualified. Used to check a rebuild was complete. */
export const countProjectedSql = (table: string = readModelTable): string => `SELECT coalesce(sum(events), 0)::bigint AS events FROM ${table}`;
