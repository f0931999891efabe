import { type ReadAllResult } from './event-store.js';

/**
 * Wake-ups for waiting readers: `wake()` bumps a generation; `wait(seen, …)` returns at once if it moved since
 * `seen` (so a wake-up that lands while a reader reads is not lost), else on the next wake-up, after `pollMs`,
 * or when the signal aborts. Adapters wake it from whatever tells them of appends (NOTIFY, a live subscription).
 */
export class WakeSignal {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.count;
  }

  wake(): void {
    this.count++;
    for (const waiter of this.waiters) waiter();
  }

  wait(seen: number, pollMs: number, signal?: AbortSignal): Promise<void> {
    if (this.count !== seen || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * The subscribe loop of a log adapter: read batches from `after` while they move the checkpoint, yielding each;
 * when one does not, wait for a wake-up or the poll. Ends when the signal aborts.
 */
export async function* catchUpThenWait(
  read: (after: number) => Promise<ReadAllResult>,
  from: number,
  wakeUps: Pick<WakeSignal, 'generation' | 'wait'>,
  pollMs: number,
  signal?: AbortSignal,
): AsyncGenerator<ReadAllResult> {
  let after = from;
  while (!signal?.aborted) {
    const seen = wakeUps.generation;
    const batch = await read(after);
    if (signal?.aborted) return;
    if (batch.checkpoint > after) {
      after = batch.checkpoint;
      yield batch;
      continue;
    }
    await wakeUps.wait(seen, pollMs, signal);
  }
}
