import { WakeSignal } from '@rooftop/eventsourcing';
import type pg from 'pg';

/**
 * One pooled connection in LISTEN on the store's channel, shared by every subscription of a store instance.
 * Each notification bumps `generation`; a subscriber notes the generation before it reads, so a notification
 * that lands between its read and its wait is not lost. The connection is opened for the first subscriber,
 * closed after the last, and re-opened after a failure; every (re)connect also bumps the generation, since
 * notifications sent while it was down are gone. Polling covers the time in between.
 */
export class AppendListener {
  private client: pg.PoolClient | undefined;
  private connecting = false;
  private users = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly wakeUps = new WakeSignal();

  get generation(): number {
    return this.wakeUps.generation;
  }

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly reconnectDelayMs: number,
  ) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  acquire(): void {
    this.users += 1;
    if (this.users === 1) void this.connect();
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.disconnect();
  }

  /** Resolves when the generation moves past `seen`, after `timeoutMs`, or when `signal` aborts. */
  wait(seen: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.wakeUps.wait(seen, timeoutMs, signal);
  }

  private bump(): void {
    this.wakeUps.wake();
  }

  private async connect(): Promise<void> {
    if (this.client || this.connecting || this.users === 0) return;
    this.connecting = true;
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const own = client;
      own.on('notification', (message) => {
        if (message.channel === this.channel) this.bump();
      });
      // A checked-out client with no 'error' listener would crash the process when its backend goes away.
      own.on('error', () => this.lost(own));
      own.on('end', () => this.lost(own));
      await own.query(`LISTEN "${this.channel}"`);
      this.connecting = false;
      if (this.users === 0) {
        own.release(true);
        return;
      }
      this.client = own;
      this.bump();
    } catch {
      this.connecting = false;
      client?.release(true);
      this.scheduleReconnect();
    }
  }

  private lost(client: pg.PoolClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    // Destroyed rather than returned: a broken or listening connection must not go back to the pool.
    client.release(true);
    this.bump();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.users === 0 || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.reconnectDelayMs);
  }

  private disconnect(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    client?.release(true);
  }

  /** Drops the connection and wakes every waiter (used when the store closes). */
  close(): void {
    this.users = 0;
    this.disconnect();
    this.bump();
  }
}
