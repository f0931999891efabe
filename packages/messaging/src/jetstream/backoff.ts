/** Exponential backoff with full jitter, capped: spreads retries of many relays after an outage. */
export const backoffDelay = (attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number =>
  Math.round(Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30)) * (0.5 + random() / 2));

/** Resolves after `ms`, or at once when the signal aborts (callers check the signal afterwards). */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
