/** What `settle` needs of a running service: its event store head and its projections' positions. */
export interface SettlingService {
  readonly store: { headPosition(): Promise<number> };
  readonly projections: { status(): Promise<readonly { readonly position: number }[]> };
}

export interface SettleOptions {
  /** The services of ONE store: they share its event store (its database). */
  readonly services: readonly SettlingService[];
  /** Timers still due (e.g. pending scheduled commands with `due_at <= clock`); 0 when none. */
  readonly pendingTimers?: () => Promise<number>;
  /** Give up after this long (default 120 s). */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the store is quiet: no timer due, every projection at the log's head, and the head unchanged
 * between two looks (a reaction or timer that appended in between starts the wait again).
 */
export const settle = async (options: SettleOptions): Promise<void> => {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let previous = -1;
  for (;;) {
    const heads = await Promise.all(options.services.map((s) => s.store.headPosition()));
    const head = Math.max(...heads);
    const positions = (await Promise.all(options.services.map((s) => s.projections.status()))).flat().map((p) => p.position);
    const timers = (await options.pendingTimers?.()) ?? 0;
    if (timers === 0 && positions.every((p) => p >= head) && head === previous) return;
    if (Date.now() > deadline) throw new Error(`the services did not settle: ${timers} timer(s) due, projections at ${Math.min(...positions)} of ${head}`);
    previous = timers === 0 && positions.every((p) => p >= head) ? head : -1;
    await sleep(250);
  }
};
