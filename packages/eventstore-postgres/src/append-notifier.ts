import type pg from 'pg';

/**
 * Sends the wake-up NOTIFY for appends after they have committed, coalesced: at most one NOTIFY is in flight
 * per store instance, and any number of commits that land while it is in flight are covered by one more.
 *
 * Why not in the append transaction (ADR 0004): PostgreSQL serialises the commits of notifying transactions
 * (a cluster-wide lock from pre-commit until the commit record is flushed), so appends could not share a WAL
 * flush. A NOTIFY statement of its own holds no transaction id and writes no commit record, so it takes that
 * lock only briefly. Readers never rely on NOTIFY for correctness (they read below the xmin bound and poll),
 * so a notification lost because the process died between COMMIT and NOTIFY only delays subscribers by one
 * poll interval.
 */
export class AppendNotifier {
  private inFlight = false;
  private pending = false;
  private idleWaiters: Array<() => void> = [];
  private nudge: (() => void) | undefined;

  /**
   * `lingerMs`: how long the notifier keeps its connection after a NOTIFY in case another commit follows. Taking
   * a pooled connection for every NOTIFY queued it behind every append waiting for the pool, and under load the
   * wake-up then left long after the commit (ADR 0031); a connection kept through a burst sends it at once.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly lingerMs = 50,
  ) {}

  /** Call after an append committed. Never throws and never waits: a failed NOTIFY is left to the poll. */
  appended(): void {
    if (this.inFlight) {
      this.pending = true;
      this.nudge?.();
      return;
    }
    this.inFlight = true;
    void this.send();
  }

  /** Resolves once no NOTIFY is in flight or pending (tests, orderly shutdown before `pool.end()`). */
  idle(): Promise<void> {
    if (!this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when a commit asks for another NOTIFY, or after `lingerMs` without one. */
  private linger(): Promise<void> {
    if (this.pending) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.lingerMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.nudge = done;
    });
  }

  private async send(): Promise<void> {
    let client: pg.PoolClient | undefined;
    let broken = false;
    try {
      client = await this.pool.connect();
      do {
        this.pending = false;
        await client.query('SELECT pg_notify($1, $2)', [this.channel, '']);
        await this.linger();
        this.nudge = undefined;
      } while (this.pending);
    } catch {
      broken = true;
    } finally {
      client?.release(broken);
      this.inFlight = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
