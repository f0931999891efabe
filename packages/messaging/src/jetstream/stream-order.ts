/**
 * Per-stream order for a durable consumer. When a message fails and is nak'ed for a later retry, the later messages
 * of the same event stream must not be applied before it: they are parked here (kept un-acked, in arrival order)
 * until the failed message comes back and is applied or dead-lettered. A hold that outlives the retry by far (the
 * retry went to another consumer instance, or never came) expires and lets its parked messages go.
 */
export class StreamOrder<T> {
  private readonly held = new Map<string, { blocker: number; until: number; parked: T[] }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The message `seq` of `stream` failed and is expected back within `holdMs`. */
  hold(stream: string, seq: number, holdMs: number): void {
    const until = this.now() + holdMs;
    const held = this.held.get(stream);
    if (held === undefined) this.held.set(stream, { blocker: seq, until, parked: [] });
    else {
      held.blocker = seq;
      held.until = until;
    }
  }

  /** Whether message `seq` of `stream` may be applied now; if not, it is parked behind the failed one. */
  admit(stream: string, seq: number, item: T): boolean {
    const held = this.held.get(stream);
    if (held === undefined || held.blocker === seq) return true;
    held.parked.push(item);
    return false;
  }

  /** Parks an item of a held stream (one skipped in a batch behind a failure). */
  park(stream: string, item: T): boolean {
    const held = this.held.get(stream);
    if (held === undefined) return false;
    held.parked.push(item);
    return true;
  }

  /** Whether `seq` is the message `stream` waits for. */
  isBlocker(stream: string, seq: number): boolean {
    return this.held.get(stream)?.blocker === seq;
  }

  /** Ends the hold (the failed message was applied or dead-lettered); its parked items, in order. */
  release(stream: string): T[] {
    const held = this.held.get(stream);
    this.held.delete(stream);
    return held?.parked ?? [];
  }

  /** Ends every hold past its deadline; their parked items, each stream's in order. */
  expire(): T[] {
    const now = this.now();
    return [...this.held].filter(([, held]) => held.until <= now).flatMap(([stream]) => this.release(stream));
  }

  /** Every parked item (to keep them from being redelivered, or to give them back on stop). */
  parked(): T[] {
    return [...this.held.values()].flatMap((held) => held.parked);
  }

  /** Forgets every hold; their parked items. */
  clear(): T[] {
    const all = this.parked();
    this.held.clear();
    return all;
  }
}
