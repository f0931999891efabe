import type pg from 'pg';

export interface DispatcherLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * Holds one pooled connection in LISTEN on the scheduler channel and reports each announced due time. The
 * poll stays the source of truth: if this connection breaks, the listener just goes inactive and is re-opened
 * by the next `ensure()`.
 */
export class NotifyListener {
  private client: pg.PoolClient | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly onDue: (dueAtMs: number) => void,
    private readonly logger: DispatcherLogger,
  ) {}

  get active(): boolean {
    return this.client !== undefined;
  }

  async ensure(): Promise<void> {
    if (this.client) return;
    const client = await this.pool.connect();
    client.on('notification', (message) => {
      if (message.channel !== this.channel) return;
      const dueAtMs = Number(message.payload);
      this.onDue(Number.isFinite(dueAtMs) ? dueAtMs : 0);
    });
    client.on('error', (error) => {
      // Errors before LISTEN succeeded reject that query (released below); after close() the client is gone.
      if (this.client !== client) return;
      this.logger.warn('scheduler LISTEN connection failed; polling until it is re-opened', { error: error.message });
      this.client = undefined;
      client.release(error);
    });
    try {
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    this.client = client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // Destroyed rather than returned: a pooled connection must not carry a LISTEN to its next user.
    client?.release(true);
  }
}
