import { describe, expect, it } from 'vitest';
import { percentile, perSecond, repeatFor, runClosedLoop } from './stats.js';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i);

  it('returns an observed sample at or above p% of the samples, whatever the input order', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([3.5, 1.25, 2], 50)).toBe(2);
  });

  it('takes the slow tail seriously on small sets: p99 of 10 samples is the maximum', () => {
    expect(percentile([1, 1, 1, 1, 1, 1, 1, 1, 1, 40], 99)).toBe(40);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [5, 1, 3];
    percentile(samples, 50);
    expect(samples).toEqual([5, 1, 3]);
  });

  it('rejects an empty sample set and a percentile outside (0, 100] with a typed error', () => {
    expect(() => percentile([], 50)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => percentile([1], 0)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => percentile([1], 101)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => percentile([1], Number.NaN)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('perSecond', () => {
  it('scales a count over milliseconds to a rate per second, and is 0 for no elapsed time', () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(10, 0)).toBe(0);
  });
});

describe('runClosedLoop', () => {
  it('counts only operations started after the warm-up, with one latency sample each', async () => {
    let started = 0;
    const result = await runClosedLoop({
      workers: 3,
      warmupMs: 20,
      durationMs: 40,
      operation: async () => {
        started += 1;
        await new Promise((resolve) => setImmediate(resolve));
        return 2;
      },
    });
    expect(result.operations).toBeGreaterThan(0);
    expect(result.samples).toHaveLength(result.operations);
    expect(result.events).toBe(2 * result.operations);
    // Each worker's first operation starts at once, inside the warm-up, so at least one per worker is not counted.
    expect(started - result.operations).toBeGreaterThanOrEqual(3);
    expect(result.samples.every((ms) => ms >= 0)).toBe(true);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(40);
  });

  it('lets a failing operation fail the whole measurement instead of reporting a partial rate', async () => {
    await expect(runClosedLoop({ workers: 2, warmupMs: 0, durationMs: 50, operation: async () => Promise.reject(new Error('store down')) })).rejects.toThrow(
      'store down',
    );
  });
});

describe('repeatFor', () => {
  it('runs a pass at least once and sums what the passes report', async () => {
    const once = await repeatFor(0, async () => 7);
    expect(once).toMatchObject({ events: 7, passes: 1 });
    const several = await repeatFor(15, async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return 3;
    });
    expect(several.passes).toBeGreaterThan(1);
    expect(several.events).toBe(3 * several.passes);
    expect(several.elapsedMs).toBeGreaterThanOrEqual(15);
  });
});
