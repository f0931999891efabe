import { describe, expect, it } from 'vitest';
import { Wakeup } from './wakeup.js';

const LONG = 600_000;

describe('Wakeup', () => {
  it('cuts a long sleep short on wakeIn(0)', async () => {
    const wakeup = new Wakeup();
    const sleeping = wakeup.sleep(LONG);
    wakeup.wakeIn(0);
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('brings a long sleep forward to a nearer requested time', async () => {
    const wakeup = new Wakeup();
    const sleeping = wakeup.sleep(LONG);
    wakeup.wakeIn(10);
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('keeps a wake-up that arrived while awake, so the next sleep returns at once', async () => {
    const wakeup = new Wakeup();
    wakeup.wakeIn(0);
    await expect(wakeup.sleep(LONG)).resolves.toBeUndefined();
    // Consumed: a later wake-up request is needed to cut the following sleep short.
    let woke = false;
    const next = wakeup.sleep(LONG).then(() => (woke = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woke).toBe(false);
    wakeup.wakeIn(0);
    await next;
    expect(woke).toBe(true);
  });

  it('does not postpone a sleep that ends earlier than the requested time', async () => {
    const wakeup = new Wakeup();
    const sleeping = wakeup.sleep(5);
    wakeup.wakeIn(LONG);
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('never wakes before the requested time, even when the event loop clock lags (a starved or long loop turn)', async () => {
    const wakeup = new Wakeup();
    // Busy for 60 ms in one loop turn: the loop's cached clock is now ~60 ms behind, so a plain 40 ms timer
    // set here would fire on the next turn, before 40 ms have passed.
    const busyUntil = performance.now() + 60;
    while (performance.now() < busyUntil);
    const deadline = performance.now() + 40;
    await wakeup.sleep(40);
    expect(performance.now()).toBeGreaterThanOrEqual(deadline);
  });
});
