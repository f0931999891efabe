import { RooftopError } from '@rooftop/eventsourcing';

/**
 * Nearest-rank percentile (the smallest sample with at least p% of the samples at or below it), so the
 * reported value is always a latency that was really observed.
 */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) throw new RooftopError('VALIDATION_FAILED', 'percentile of an empty sample set');
  if (!(p > 0 && p <= 100)) throw new RooftopError('VALIDATION_FAILED', `percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1]!;
};

export const perSecond = (count: number, elapsedMs: number): number => (elapsedMs > 0 ? (count * 1000) / elapsedMs : 0);

export interface ClosedLoopOptions {
  readonly workers: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** One operation of worker `worker`; resolves to the number of events it handled. */
  readonly operation: (worker: number) => Promise<number>;
}

export interface ClosedLoopResult {
  readonly events: number;
  readonly operations: number;
  readonly elapsedMs: number;
  /** Latency of each measured operation, in ms. */
  readonly samples: readonly number[];
}

/**
 * `workers` loops, each issuing its next operation as soon as the previous one returns (a closed system,
 * like request handlers waiting on the store). Operations that start during the warm-up are not counted,
 * so connection setup, plan caching and JIT do not flatter or punish either store.
 */
export const runClosedLoop = async ({ workers, warmupMs, durationMs, operation }: ClosedLoopOptions): Promise<ClosedLoopResult> => {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  const samples: number[] = [];
  let events = 0;

  const worker = async (index: number) => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= stopAt) return;
      const handled = await operation(index);
      if (t0 >= measureFrom) {
        samples.push(performance.now() - t0);
        events += handled;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
  return { events, operations: samples.length, elapsedMs: performance.now() - measureFrom, samples };
};

export interface RepeatedResult {
  readonly events: number;
  readonly elapsedMs: number;
  readonly passes: number;
}

/**
 * Repeats a whole pass (e.g. read the entire log) until at least `minMs` were spent, at least once, and
 * reports the mean rate over all passes: a one-second pass alone is too noisy on a shared box.
 */
export const repeatFor = async (minMs: number, pass: () => Promise<number>): Promise<RepeatedResult> => {
  const start = performance.now();
  let events = 0;
  let passes = 0;
  do {
    events += await pass();
    passes += 1;
  } while (performance.now() - start < minMs);
  return { events, elapsedMs: performance.now() - start, passes };
};
