import { type ReadAllOptions, type ReadAllResult, type ReadStreamOptions, type ReadStreamResult } from '@rooftop/eventsourcing';
import { type Queryable } from './append.js';
import { type EventStoreNames } from './names.js';
import { SAFE_BOUND_SQL, toPosition } from './positions.js';
import { prepared } from './prepared.js';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './rows.js';
import { assertCount, assertEventTypes, assertNonNegative, assertStreamId } from './validation.js';

/**
 * The tailing query: the next `$2` positions after the reader's, as a range scan on the primary key, then
 * only those below the safe bound. Rows come in position order, so the ones below the bound are exactly the
 * next events a reader may take: a prefix, never a set with holes. The bound stays out of the scan on purpose:
 * the planner cannot estimate `< pg_snapshot_xmin(...)`, and on a table not yet analyzed it then chose a
 * bitmap scan of the whole rest of the log plus a sort (quadratic over a catch-up). `WHERE position > $1
 * ORDER BY position LIMIT $2` is an index scan under any statistics. The bound is an InitPlan computed once,
 * and it and the rows come from the same statement snapshot.
 */
const windowQuery = (names: EventStoreNames, columns: string): string =>
  `SELECT * FROM (
     SELECT ${columns} FROM ${names.events} WHERE global_position > $1 ORDER BY global_position LIMIT $2
   ) w WHERE w.global_position < (SELECT ${SAFE_BOUND_SQL}) ORDER BY w.global_position`;

export const tailingQuery = (names: EventStoreNames): string => windowQuery(names, EVENT_COLUMNS);

// With a type filter the same window of `maxCount` positions is scanned (the heap rows are visited anyway for
// `type`), and only the wanted rows carry their payload: the checkpoint can pass filtered-out events, while a
// rare type never turns one call into a full scan.
export const filteredTailingQuery = (names: EventStoreNames): string =>
  windowQuery(
    names,
    EVENT_COLUMNS.split(', ')
      .map((c) => (c === 'data' || c === 'metadata' ? `CASE WHEN type = ANY($3::text[]) THEN ${c} END AS ${c}` : c))
      .concat('type = ANY($3::text[]) AS wanted')
      .join(', '),
  );

type ScannedRow = EventRow & { wanted: boolean };

export const readAll = async (db: Queryable, names: EventStoreNames, options: ReadAllOptions): Promise<ReadAllResult> => {
  const after = assertNonNegative('after', options?.after);
  const maxCount = assertCount('maxCount', options.maxCount);
  const eventTypes = assertEventTypes(options.eventTypes);
  if (!eventTypes) {
    const { rows } = await db.query<EventRow>(tailingQuery(names), [after, maxCount]);
    const events = rows.map(toRecordedEvent);
    return { events, checkpoint: events.at(-1)?.globalPosition ?? after };
  }
  const { rows } = await db.query<ScannedRow>(filteredTailingQuery(names), [after, maxCount, eventTypes]);
  const events = rows.filter((row) => row.wanted).map(toRecordedEvent);
  const last = rows.at(-1);
  return { events, checkpoint: last ? toPosition(last.global_position) : after };
};

export const readStream = async (db: Queryable, names: EventStoreNames, streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> => {
  assertStreamId(streamId);
  const fromVersion = options.fromVersion === undefined ? 1 : assertNonNegative('fromVersion', options.fromVersion);
  const maxCount = options.maxCount === undefined ? null : assertCount('maxCount', options.maxCount);
  // One statement, so the returned version and events come from the same snapshot.
  const { rows } = await db.query<{ head: number } & (EventRow | { [K in keyof EventRow]: null })>(
    prepared(
      `SELECT s.version AS head, ${EVENT_COLUMNS.split(', ')
        .map((c) => `e.${c}`)
        .join(', ')}
     FROM ${names.streams} s
     LEFT JOIN LATERAL (
       SELECT ${EVENT_COLUMNS} FROM ${names.events}
       WHERE stream_id = s.stream_id AND stream_version >= $2 ORDER BY stream_version LIMIT $3
     ) e ON true
     WHERE s.stream_id = $1
     ORDER BY e.stream_version`,
      [streamId, fromVersion, maxCount],
    ),
  );
  const events = rows.filter((row): row is { head: number } & EventRow => row.event_id !== null).map(toRecordedEvent);
  return { streamVersion: rows[0]?.head ?? 0, events };
};

export const headPosition = async (db: Queryable, names: EventStoreNames): Promise<number> => {
  const { rows } = await db.query<{ head: string | null }>(
    `SELECT max(global_position) AS head FROM ${names.events} WHERE global_position < ${SAFE_BOUND_SQL}`,
  );
  return rows[0]?.head ? toPosition(rows[0].head) : 0;
};

/** How many events are safe to read after `after`. Positions are not dense, so this is not `head - after`. */
export const countBehind = async (db: Queryable, names: EventStoreNames, after: number): Promise<number> => {
  assertNonNegative('after', after);
  const { rows } = await db.query<{ behind: string }>(
    `SELECT count(*) AS behind FROM ${names.events} WHERE global_position > $1 AND global_position < ${SAFE_BOUND_SQL}`,
    [after],
  );
  return Number(rows[0]?.behind ?? 0);
};
