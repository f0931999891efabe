import { type TestDatabase } from '@rooftop/testkit';
import { openEmmett, emmettAppend } from '../peers/emmett-store.js';
import { openRooftop, rooftopAppend } from '../rooftop/rooftop-store.js';
import { percentile, perSecond, runClosedLoop } from '../stats.js';
import { type BenchContext, type BenchRow, toRow } from '../suite.js';
import { StreamCursor } from '../workload.js';

/** Concurrent writers in both append benchmarks (the "8 concurrent writers"). */
export const appendWriters = 8;

export type Appender = (cursor: StreamCursor, eventsPerAppend: number) => Promise<number>;

export interface AppendMeasurement {
  readonly eventsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly appends: number;
}

export const openOurAppender = async (context: BenchContext, database: TestDatabase): Promise<Appender> => {
  const store = await openRooftop(context, database);
  return (cursor, count) => rooftopAppend(store, cursor, count);
};

export const openEmmettAppender = async (context: BenchContext, database: TestDatabase): Promise<Appender> => {
  const peer = await openEmmett(database);
  context.defer(() => peer.close());
  return (cursor, count) => emmettAppend(peer, cursor, count);
};

/** Closed-loop appends on a fresh database: warm-up, then `durationMs` measured, latency per append call. */
export const measureAppends = async (
  context: BenchContext,
  side: string,
  open: (context: BenchContext, database: TestDatabase) => Promise<Appender>,
  eventsPerAppend: number,
): Promise<AppendMeasurement> => {
  const database = await context.database(`${side}_${eventsPerAppend}`);
  const append = await open(context, database);
  const cursors = Array.from({ length: appendWriters }, (_, writer) => new StreamCursor(writer));
  const { warmupMs, durationMs } = context.options;
  const result = await runClosedLoop({
    workers: appendWriters,
    warmupMs,
    durationMs,
    operation: (worker) => append(cursors[worker]!, eventsPerAppend),
  });
  const measurement = {
    eventsPerSecond: perSecond(result.events, result.elapsedMs),
    p50: percentile(result.samples, 50),
    p99: percentile(result.samples, 99),
    appends: result.operations,
  };
  context.log(
    `  ${side}: ${Math.round(measurement.eventsPerSecond)} events/s, p50 ${measurement.p50.toFixed(2)} ms, p99 ${measurement.p99.toFixed(2)} ms (${measurement.appends} appends)`,
  );
  return measurement;
};

/**
 * The rows both append suites report: events/s at least 1.5× Emmett's in the same run, p99 no worse than
 * Emmett's (ratio ≤ 1), p50 for reference.
 */
export const appendRows = (name: string, ours: AppendMeasurement, peer: AppendMeasurement | undefined): BenchRow[] => [
  toRow({ name, value: ours.eventsPerSecond, unit: 'events/s', target: { op: '>=', value: 1.5, of: 'peer' }, peer: peer?.eventsPerSecond }),
  toRow({ name: `${name} p50`, value: ours.p50, unit: 'ms', peer: peer?.p50 }),
  toRow({ name: `${name} p99`, value: ours.p99, unit: 'ms', target: { op: '<=', value: 1, of: 'peer' }, peer: peer?.p99 }),
];
