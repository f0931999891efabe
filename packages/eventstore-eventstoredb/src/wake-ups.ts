import { END, excludeSystemEvents, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { WakeSignal } from '@rooftop/eventsourcing';

/**
 * Wakes waiting subscriptions when anything is written: one live `$all` subscription per store instance,
 * shared by its subscriptions, opened for the first and closed after the last. A subscription never relies on
 * it for correctness (it polls too): a broken live subscription is re-opened on the next wait.
 */
export class WakeUps {
  private readonly signal = new WakeSignal();
  private users = 0;
  private live: { unsubscribe(): Promise<void> } | undefined;

  constructor(private readonly client: KurrentDBClient) {}

  get generation(): number {
    return this.signal.generation;
  }

  acquire(): void {
    this.users++;
    this.open();
  }

  release(): void {
    if (--this.users > 0) return;
    const live = this.live;
    this.live = undefined;
    void live?.unsubscribe().catch(() => undefined);
  }

  private open(): void {
    if (this.live || this.users === 0) return;
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    const drop = () => {
      if (this.live === subscription) this.live = undefined;
      this.wake();
    };
    subscription.on('data', () => this.wake());
    subscription.on('error', drop);
    subscription.on('end', drop);
    this.live = subscription;
  }

  private wake(): void {
    this.signal.wake();
  }

  /** Resolves when the generation moves past `seen`, after `pollMs`, or when the signal aborts. */
  wait(seen: number, pollMs: number, signal?: AbortSignal): Promise<void> {
    this.open();
    return this.signal.wait(seen, pollMs, signal);
  }
}
