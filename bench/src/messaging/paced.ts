export interface PacedOptions {
  /** Operations started per second, on a fixed schedule (an open system: nobody waits for a reply). */
  readonly ratePerSecond: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Operation `index`; `measured` is false for the warm-up. Its rejections are counted, not thrown. */
  readonly operation: (index: number, measured: boolean) => Promise<void>;
}

export interface PacedResult {
  /** Operations started in the measured window. */
  readonly measured: number;
  /** Length of the measured window in ms. */
  readonly elapsedMs: number;
  /** Operations (measured or not) that completed inside the measured window. */
  readonly completedInWindow: number;
  /** The latest an operation was started after its slot (event-loop stalls on a busy box), in ms. */
  readonly maxStartLagMs: number;
  readonly errors: readonly unknown[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts operation n at `start + n / rate`, whether or not earlier ones have finished, so a slow reply
 * queues work up instead of slowing the arrivals down (no coordinated omission). When the event loop was
 * stalled, the overdue operations start at once. Resolves when every started operation has settled.
 */
export const runPaced = async ({ ratePerSecond, warmupMs, durationMs, operation }: PacedOptions): Promise<PacedResult> => {
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  const pending = new Set<Promise<void>>();
  const errors: unknown[] = [];
  let next = 0;
  let measured = 0;
  let completedInWindow = 0;
  let maxStartLagMs = 0;

  for (;;) {
    const now = performance.now();
    if (now >= stopAt) break;
    const due = Math.floor((now - start) / interval) + 1;
    for (; next < due; next++) {
      const slot = start + next * interval;
      if (slot >= stopAt) break;
      const isMeasured = slot >= measureFrom;
      if (isMeasured) measured++;
      maxStartLagMs = Math.max(maxStartLagMs, now - slot);
      const run = operation(next, isMeasured).then(
        () => {
          const done = performance.now();
          if (done >= measureFrom && done < stopAt) completedInWindow++;
        },
        (error: unknown) => {
          errors.push(error);
        },
      );
      pending.add(run);
      void run.finally(() => pending.delete(run));
    }
    await sleep(Math.max(0, start + next * interval - performance.now()));
  }
  await Promise.all(pending);
  return { measured, elapsedMs: durationMs, completedInWindow, maxStartLagMs, errors };
};
