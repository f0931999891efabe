import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base, stays under the cap, and jitters within [50 %, 100 %]', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 100, 5_000, () => 1))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(3, 100, 5_000, () => 0)).toBe(400);
    expect(backoffDelay(10, 100, 5_000, () => 1)).toBe(5_000);
    expect(backoffDelay(10_000, 100, 5_000, () => 1)).toBe(5_000);
  });

  it('sleep returns at once when its signal is already aborted or aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sleep(60_000, controller.signal)).resolves.toBeUndefined();
    const later = new AbortController();
    const pending = sleep(60_000, later.signal);
    later.abort();
    await expect(pending).resolves.toBeUndefined();
  });
});
