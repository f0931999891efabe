import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runPaced } from './paced.js';

// A fake clock (timers and performance.now) makes the schedule exact, so these check arithmetic, not speed.
describe('runPaced (open-loop schedule)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts operation n at n / rate and marks those in the measured window', async () => {
    const starts: Array<{ index: number; at: number; measured: boolean }> = [];
    const run = runPaced({
      ratePerSecond: 100,
      warmupMs: 50,
      durationMs: 200,
      operation: async (index, measured) => {
        starts.push({ index, at: performance.now(), measured });
      },
    });
    await vi.runAllTimersAsync();
    const result = await run;

    expect(starts.map((s) => s.index)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(starts.filter((s) => !s.measured).map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(result.measured).toBe(20);
    expect(result.elapsedMs).toBe(200);
    const origin = starts[0]!.at;
    for (const s of starts) expect(s.at - origin).toBeCloseTo(s.index * 10, 5);
  });

  it('does not wait for slow operations before starting the next ones, and waits for all at the end', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let finished = 0;
    const run = runPaced({
      ratePerSecond: 100,
      warmupMs: 0,
      durationMs: 100,
      operation: async () => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 55));
        running--;
        finished++;
      },
    });
    await vi.runAllTimersAsync();
    const result = await run;

    expect(mostAtOnce).toBeGreaterThanOrEqual(5);
    expect(finished).toBe(10);
    expect(result.measured).toBe(10);
  });

  it('collects failures instead of throwing, so the suite can report them', async () => {
    const run = runPaced({
      ratePerSecond: 100,
      warmupMs: 0,
      durationMs: 50,
      operation: async (index) => {
        if (index % 2 === 1) throw new Error(`append ${index} failed`);
      },
    });
    await vi.runAllTimersAsync();
    const result = await run;

    expect(result.errors.map((e) => (e as Error).message)).toEqual(['append 1 failed', 'append 3 failed']);
    expect(result.completedInWindow).toBe(3);
  });
});
