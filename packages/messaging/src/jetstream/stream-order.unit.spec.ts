import { describe, expect, it } from 'vitest';
import { StreamOrder } from './stream-order.js';

describe('StreamOrder', () => {
  it('parks the later messages of a stream behind its failed one and releases them in order', () => {
    const order = new StreamOrder<string>(() => 0);
    expect(order.admit('a', 1, 'a1')).toBe(true);
    order.hold('a', 1, 1_000);
    expect(order.admit('a', 2, 'a2')).toBe(false);
    expect(order.admit('b', 3, 'b1')).toBe(true);
    expect(order.park('a', 'a3')).toBe(true);
    expect(order.park('b', 'b2')).toBe(false);
    expect(order.admit('a', 1, 'a1 again')).toBe(true);
    expect(order.isBlocker('a', 1)).toBe(true);
    expect(order.parked()).toEqual(['a2', 'a3']);
    expect(order.release('a')).toEqual(['a2', 'a3']);
    expect(order.admit('a', 2, 'a2')).toBe(true);
    expect(order.release('a')).toEqual([]);
  });

  it('lets the parked messages go when the failed one does not come back in time', () => {
    let now = 0;
    const order = new StreamOrder<string>(() => now);
    order.hold('a', 1, 1_000);
    order.hold('b', 5, 3_000);
    order.admit('a', 2, 'a2');
    order.admit('b', 6, 'b6');
    now = 999;
    expect(order.expire()).toEqual([]);
    // Failing again extends the hold.
    order.hold('a', 1, 5_000);
    now = 3_000;
    expect(order.expire()).toEqual(['b6']);
    expect(order.clear()).toEqual(['a2']);
    expect(order.admit('a', 2, 'a2')).toBe(true);
  });
});
