import { PositionOutOfRangeError } from './errors.js';

/**
 * A global position is `transaction id << 16 | index in the append`. The low 16 bits number the events of
 * one append, so one append holds at most 65,535 events (index 0..65,534; the all-ones index is never used,
 * which keeps `(xid + 1) << 16` a strict upper bound of every position of transaction `xid`).
 */
export const POSITION_INDEX_BITS = 16;
export const MAX_EVENTS_PER_APPEND = 65_535;

/**
 * Every transaction with an id below the snapshot's xmin has ended, so no event can later commit below
 * `xmin << 16`: positions under this bound are final and safe to hand to a tailing reader.
 */
export const SAFE_BOUND_SQL = `(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << ${POSITION_INDEX_BITS})`;

/** The position of the n-th (0-based) event of the current transaction's append. */
export const positionSql = (indexExpression: string): string => `((pg_current_xact_id()::text::bigint << ${POSITION_INDEX_BITS}) | (${indexExpression}))`;

/** pg returns bigint as text; positions must stay exact in a JavaScript number. */
export const toPosition = (value: string | number): number => {
  const position = Number(value);
  if (!Number.isSafeInteger(position)) throw new PositionOutOfRangeError(String(value));
  return position;
};
