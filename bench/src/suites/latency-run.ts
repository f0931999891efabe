import { type EventRelay } from '@rooftop/messaging';
import { type PostgresEventStore } from '@rooftop/eventstore-postgres';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type BenchNats } from '../messaging/nats.js';
import { type WriterJob, type WriterMessage } from '../messaging/latency-writer.js';
import { type StageClock, stagePercentiles } from '../messaging/stages.js';
import { percentile } from '../stats.js';
import { type BenchContext } from '../suite.js';

export interface LatencyRig {
  readonly context: BenchContext;
  /** The suite's database; the writer worker opens its own pool and store on it. */
  readonly connectionString: string;
  /** Reads the head for the timeout report; the appends go through the worker's own store. */
  readonly store: PostgresEventStore;
  readonly relay: EventRelay;
  readonly consumer: { readonly stats: { failures: number; deadLettered: number; duplicates: number } };
  readonly clock: StageClock;
  readonly nats: BenchNats;
  readonly stream: string;
  readonly groupId: string;
  readonly storeId: string;
}

export interface LatencyRun {
  readonly events: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly maxStartLagMs: number;
  /** p99 of each stage's own span (not cumulative), plus commit → acked (the relay's whole part). */
  readonly stages: {
    readonly committedToNotified: number;
    readonly notifiedToRead: number;
    readonly readToAcked: number;
    readonly ackedToConsumed: number;
    readonly committedToAcked: number;
  };
}

/** Run from source (npm run bench), the worker registers tsx's loader before importing its TypeScript entry. */
const startWorker = (entry: URL, workerData: WriterJob): Worker =>
  extname(entry.pathname) === '.ts'
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, {
        eval: true,
        workerData,
        execArgv: ['--conditions=@rooftop/source'],
      })
    : new Worker(entry, { workerData });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One run: `rate` single-event appends per second on a fixed schedule (open loop) from a writer worker thread,
 * 2 s warm-up (`--warmup`), then `--duration` measured; waits until every measured event reached the consumer,
 * then reads the stages.
 */
export const latencyRun = async (rig: LatencyRig, rate: number, label: string): Promise<LatencyRun> => {
  const { context, store, relay, consumer, clock, nats, stream, groupId, storeId } = rig;
  const measuredIds: string[] = [];
  const job: WriterJob = {
    connectionString: rig.connectionString,
    poolMax: 40,
    groupId,
    storeId,
    label,
    rate,
    warmupMs: context.options.warmupMs,
    durationMs: context.options.durationMs,
  };
  const worker = startWorker(new URL(`../messaging/latency-writer${extname(import.meta.url)}`, import.meta.url), job);
  const result = await new Promise<{ maxStartLagMs: number; errors: readonly string[] }>((resolve, reject) => {
    worker.on('message', (message: WriterMessage) => {
      if (message.kind === 'done') return resolve(message);
      for (const [id, epochMs, measured] of message.commits) {
        clock.mark('committed', id, epochMs - performance.timeOrigin);
        if (measured) measuredIds.push(id);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the writer worker exited with code ${code} before it finished`)));
  });
  await worker.terminate();
  if (result.errors.length > 0) throw new Error(`${result.errors.length} appends failed, first: ${result.errors[0]}`);

  const deadline = performance.now() + 120_000;
  while (measuredIds.some((id) => !clock.has('consumed', id))) {
    const { failures, deadLettered } = consumer.stats;
    if (failures + deadLettered > 0) throw new Error(`the consumer failed ${failures} deliveries and dead-lettered ${deadLettered} messages`);
    if (performance.now() > deadline) {
      const missing = measuredIds.filter((id) => !clock.has('consumed', id)).length;
      const { state } = await nats.jsm.streams.info(stream);
      throw new Error(
        `${missing} of ${measuredIds.length} events did not reach the consumer within 120 s (stream holds ${state.messages} messages, ` +
          `relay checkpoint ${relay.checkpoint}, store head ${await store.headPosition()}, consumer stats ${JSON.stringify(consumer.stats)})`,
      );
    }
    await sleep(20);
  }
  clock.resolveNotified(measuredIds);
  const total = measuredIds.map((id) => clock.at('consumed', id)! - clock.at('committed', id)!);
  const p99 = (from: Parameters<typeof stagePercentiles>[2], to: Parameters<typeof stagePercentiles>[3]) => stagePercentiles(clock, measuredIds, from, to).p99;
  return {
    events: total.length,
    p50: percentile(total, 50),
    p99: percentile(total, 99),
    max: Math.max(...total),
    maxStartLagMs: result.maxStartLagMs,
    stages: {
      committedToNotified: p99('committed', 'notified'),
      notifiedToRead: p99('notified', 'read'),
      readToAcked: p99('read', 'acked'),
      ackedToConsumed: p99('acked', 'consumed'),
      committedToAcked: p99('committed', 'acked'),
    },
  };
};
