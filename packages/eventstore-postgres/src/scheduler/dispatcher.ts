import { type Command, isRooftopError, type ScheduledCommandSender, ValidationError } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type Backoff, exponentialBackoff } from './backoff.js';
import { type DispatcherLogger, NotifyListener } from './notify-listener.js';
import { type SchedulerNames, schedulerNames } from './schema.js';
import { Wakeup } from './wakeup.js';

export interface ScheduledCommandDispatcherOptions {
  readonly pool: pg.Pool;
  /** Schema holding `scheduled_commands` (default `scheduler`). */
  readonly schema?: string;
  readonly send: ScheduledCommandSender;
  /** Decides what is due and stamps `sent_at` / `next_attempt_at` (default: the wall clock). */
  readonly clock?: () => Date;
  /** Rows claimed at a time (default 50). */
  readonly batchSize?: number;
  /**
   * How long a claimed row stays out of other dispatchers' reach while its command is sent (default 60 s). A
   * dispatcher that dies mid-batch leaves its rows to be redelivered when their lease ends.
   */
  readonly leaseMs?: number;
  /** Idle poll period, the fallback when no NOTIFY arrives (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Delivery attempts before an entry is parked as `failed` (default 10). */
  readonly maxAttempts?: number;
  /** Wait after the n-th failed attempt (default exponential from 1 s, capped at 1 h). */
  readonly backoff?: Backoff;
  /** Wake on LISTEN/NOTIFY as well as on the poll (default true; holds one pooled connection while running). */
  readonly listen?: boolean;
  readonly logger?: DispatcherLogger;
}

export interface DispatchSummary {
  /** Rows this call claimed (leased) and tried to deliver. */
  readonly claimed: number;
  readonly sent: number;
  /** Failed deliveries that will be retried after their backoff. */
  readonly retried: number;
  /** Failed deliveries that used the last attempt and are now `failed`. */
  readonly failed: number;
}

const consoleLogger: DispatcherLogger = {
  warn: (message, details) => console.warn(`[scheduler] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[scheduler] ${message}`, details ?? ''),
};

const describeError = (error: unknown): string => {
  if (isRooftopError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
};

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value <= 0) throw new ValidationError(`${name} must be a positive integer`, [{ path: name, message: `got ${value}` }]);
  return value;
};

/**
 * Delivers due scheduled commands.
 *
 * Delivery guarantee: **at least once**, with the **effect exactly once**. A batch is claimed in one statement
 * (`… FOR UPDATE SKIP LOCKED`, then its rows' `next_attempt_at` moved a lease ahead) that commits at once; the
 * commands are then sent with no transaction and no connection held, and each row is marked as it is answered.
 * Several dispatchers never deliver the same row while its lease runs, and a dispatcher that dies mid-batch
 * (crash, SIGKILL, lost connection) leaves the unmarked rows pending: they come due again when the lease ends.
 * A redelivered command carries the `commandId` fixed when it was scheduled, and the kernel's command handler
 * is idempotent by `commandId`, so the second delivery returns the first result and appends nothing.
 *
 * No connection is held while a command runs, so the command may use the same pool (or a one-session
 * database, like embedded PGlite) without waiting for the dispatcher.
 */
export class ScheduledCommandDispatcher {
  private readonly pool: pg.Pool;
  private readonly names: SchedulerNames;
  private readonly send: ScheduledCommandSender;
  private readonly clock: () => Date;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: Backoff;
  private readonly logger: DispatcherLogger;
  private readonly wakeup = new Wakeup();
  private readonly listener: NotifyListener | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(options: ScheduledCommandDispatcherOptions) {
    if (typeof options.send !== 'function') throw new ValidationError('send must be a function', [{ path: 'send', message: 'required' }]);
    this.pool = options.pool;
    this.names = schedulerNames(options.schema);
    this.send = options.send;
    this.clock = options.clock ?? (() => new Date());
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 50);
    this.leaseMs = positiveInteger('leaseMs', options.leaseMs ?? 60_000);
    this.pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 1_000);
    this.maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 10);
    this.backoff = options.backoff ?? exponentialBackoff();
    this.logger = options.logger ?? consoleLogger;
    this.listener =
      options.listen === false
        ? undefined
        : new NotifyListener(this.pool, this.names.channel, (dueAtMs) => this.wakeup.wakeIn(dueAtMs - this.clock().getTime()), this.logger);
  }

  /** Starts the poll loop (and the LISTEN connection). Calling it again while running does nothing. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Stops after the in-flight batch has been delivered and committed; resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeup.wakeIn(0);
    await this.running;
    this.running = undefined;
    await this.listener?.close();
  }

  /**
   * Claims up to `batchSize` due rows and delivers them in due order. A database error aborts the batch (rows
   * not marked yet stay pending and come due again when their lease ends) and is thrown.
   */
  async runOnce(): Promise<DispatchSummary> {
    const now = this.clock();
    const { rows: claimed } = await this.pool.query<{ schedule_id: string; command: Command; attempts: number; due_at: Date }>(
      `WITH due AS (
         SELECT schedule_id, next_attempt_at AS due_at FROM ${this.names.table}
          WHERE status = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at, schedule_id
          LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE ${this.names.table} t SET next_attempt_at = $3 FROM due WHERE t.schedule_id = due.schedule_id
       RETURNING t.schedule_id, t.command, t.attempts, due.due_at`,
      [now, this.batchSize, new Date(now.getTime() + this.leaseMs)],
    );
    const rows = claimed.sort(
      (a, b) => a.due_at.getTime() - b.due_at.getTime() || (a.schedule_id < b.schedule_id ? -1 : a.schedule_id > b.schedule_id ? 1 : 0),
    );
    let sent = 0;
    let retried = 0;
    let failed = 0;
    for (const row of rows) {
      const error = await this.send(row.command).then(
        () => undefined,
        (reason: unknown) => ({ reason }),
      );
      // Marked only while still pending: a row cancelled while its command was out keeps its cancellation.
      if (!error) {
        await this.pool.query(
          `UPDATE ${this.names.table} SET status = 'sent', attempts = attempts + 1, sent_at = $2 WHERE schedule_id = $1 AND status = 'pending'`,
          [row.schedule_id, this.clock()],
        );
        sent++;
        continue;
      }
      const attempts = row.attempts + 1;
      const final = attempts >= this.maxAttempts;
      const nextAttemptAt = new Date(this.clock().getTime() + (final ? 0 : this.backoff(attempts)));
      await this.pool.query(
        `UPDATE ${this.names.table} SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5 WHERE schedule_id = $1 AND status = 'pending'`,
        [row.schedule_id, final ? 'failed' : 'pending', attempts, describeError(error.reason), nextAttemptAt],
      );
      if (final) {
        failed++;
        this.logger.warn('scheduled command failed for good', { scheduleId: row.schedule_id, attempts, error: describeError(error.reason) });
      } else retried++;
    }
    return { claimed: rows.length, sent, retried, failed };
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let more = false;
      try {
        if (this.listener && !this.listener.active) {
          await this.listener
            .ensure()
            .catch((error: unknown) => this.logger.warn('scheduler LISTEN unavailable; polling only', { error: describeError(error) }));
        }
        const summary = await this.runOnce();
        // A full batch means more may be due right now: go again without waiting for the poll.
        more = summary.claimed === this.batchSize;
      } catch (error) {
        this.logger.error('scheduled command dispatch failed; retrying after the poll interval', { error: describeError(error) });
      }
      if (!more && !this.stopping) await this.wakeup.sleep(this.pollIntervalMs);
    }
  }
}
