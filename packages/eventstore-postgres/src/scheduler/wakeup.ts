/**
 * The dispatcher's idle wait: a sleep that a NOTIFY can cut short or bring forward. A wake-up that arrives
 * while no one sleeps (the dispatcher is mid-batch, and its query may have missed the new row) is kept, so the
 * next sleep returns at once instead of losing it until the next poll.
 */
export class Wakeup {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private resolve: (() => void) | undefined;
  private sleepUntil = 0;
  /** Earliest wake-up requested while awake (monotonic ms), consumed by the next sleep. */
  private pendingAt: number | undefined;

  sleep(ms: number): Promise<void> {
    const now = performance.now();
    const until = Math.min(now + ms, this.pendingAt ?? Infinity);
    this.pendingAt = undefined;
    if (until <= now) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
      this.arm(until);
    });
  }

  /** Wake the sleeper in `ms` (0 = now) unless it wakes earlier anyway. */
  wakeIn(ms: number): void {
    const at = performance.now() + Math.max(0, ms);
    if (!this.resolve) {
      this.pendingAt = Math.min(this.pendingAt ?? Infinity, at);
      return;
    }
    if (at < this.sleepUntil) this.arm(at);
  }

  private arm(until: number): void {
    clearTimeout(this.timer);
    this.sleepUntil = until;
    this.timer = setTimeout(() => this.fire(), Math.max(0, until - performance.now()));
  }

  private fire(): void {
    // Node starts a timer from the event loop's cached clock, which lags real time after a long (or starved)
    // loop turn, so a timer can fire early. Waking before a NOTIFY's due time would find nothing due and then
    // sleep a whole poll interval: sleep on until the requested time instead.
    const early = this.sleepUntil - performance.now();
    if (early > 0) {
      this.timer = setTimeout(() => this.fire(), Math.ceil(early));
      return;
    }
    clearTimeout(this.timer);
    const resolve = this.resolve;
    this.resolve = undefined;
    this.timer = undefined;
    resolve?.();
  }
}
