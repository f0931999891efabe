import { describe, expect, it } from 'vitest';
import { catchUpThenWait, WakeSignal } from './catch-up.js';
import { type ReadAllResult } from './event-store.js';

describe('catchUpThenWait', () => {
  it('yields batches while the checkpoint moves, waits when caught up, and a wake-up during a read is not lost', async () => {
    const wake = new WakeSignal();
    const controller = new AbortController();
    const log = [10, 20, 30];
    let reads = 0;
    const read = async (after: number): Promise<ReadAllResult> => {
      reads++;
      const next = log.filter((p) => p > after).slice(0, 2);
      // The append of 40 lands while the reader reads past 30: its wake-up must not be slept through.
      if (after === 30 && !log.includes(40)) {
        log.push(40);
        wake.wake();
      }
      return { events: [], checkpoint: next.at(-1) ?? after };
    };
    const checkpoints: number[] = [];
    for await (const batch of catchUpThenWait(read, 0, wake, 60_000, controller.signal)) {
      checkpoints.push(batch.checkpoint);
      if (batch.checkpoint === 40) controller.abort();
    }
    expect(checkpoints).toEqual([20, 30, 40]);
    expect(reads).toBe(4);
  });

  it('ends at once for an aborted signal, and a wait ends when the signal aborts', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const read = async (): Promise<ReadAllResult> => ({ events: [], checkpoint: 0 });
    const yielded: ReadAllResult[] = [];
    for await (const batch of catchUpThenWait(read, 0, new WakeSignal(), 60_000, aborted.signal)) yielded.push(batch);
    expect(yielded).toEqual([]);

    const wake = new WakeSignal();
    const later = new AbortController();
    const waiting = wake.wait(wake.generation, 60_000, later.signal);
    later.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
