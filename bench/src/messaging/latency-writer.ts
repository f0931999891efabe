// The latency suite's writers, in a worker thread of their own: a store's command handlers run in their own
// process, and sharing the relay's and the consumer's event loop made every stage wait for the appends' CPU
// (at 2,000/s the one thread was saturated and the latency measured its queue). The worker appends on a fixed
// schedule through its own PostgresEventStore (pool, NOTIFY after commit) and reports each commit's time as
// `performance.timeOrigin + performance.now()`, which is comparable across the threads of one process.
import { parentPort, workerData } from 'node:worker_threads';
import { PostgresEventStore } from '@rooftop/eventstore-postgres';
import pg from 'pg';
import { leadCaptured, leadStream } from './lead-events.js';
import { runPaced } from './paced.js';

export interface WriterJob {
  readonly connectionString: string;
  readonly poolMax: number;
  readonly groupId: string;
  readonly storeId: string;
  readonly label: string;
  readonly rate: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

/** Commits as [eventId, epoch ms, measured] triples, sent in chunks while the run goes on. */
export type WriterMessage =
  | { readonly kind: 'commits'; readonly commits: ReadonlyArray<readonly [string, number, boolean]> }
  | { readonly kind: 'done'; readonly maxStartLagMs: number; readonly errors: readonly string[] };

const job = workerData as WriterJob;
const pool = new pg.Pool({ connectionString: job.connectionString, max: job.poolMax });
pool.on('error', () => undefined);
const store = new PostgresEventStore({ pool });
let pending: Array<readonly [string, number, boolean]> = [];
const flush = () => {
  if (pending.length === 0) return;
  parentPort!.postMessage({ kind: 'commits', commits: pending } satisfies WriterMessage);
  pending = [];
};
const flusher = setInterval(flush, 5);

const result = await runPaced({
  ratePerSecond: job.rate,
  warmupMs: job.warmupMs,
  durationMs: job.durationMs,
  operation: async (index, measured) => {
    const leadId = `${job.label}-${index}`;
    const event = leadCaptured(job.groupId, job.storeId, leadId, index);
    await store.appendToStream(leadStream(leadId), [event], { expectedVersion: 'noStream' });
    pending.push([event.eventId, performance.timeOrigin + performance.now(), measured]);
  },
});
clearInterval(flusher);
flush();
await store.flushNotifications();
store.close();
await pool.end();
parentPort!.postMessage({ kind: 'done', maxStartLagMs: result.maxStartLagMs, errors: result.errors.map(String) } satisfies WriterMessage);
