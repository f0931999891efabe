import { type CommandScheduler, type ScheduledCommand, ValidationError, validateScheduledCommands } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type ScheduledCommandRecord, type ScheduledCommandRow, toRecord } from './record.js';
import { type SchedulerNames, schedulerNames } from './schema.js';

export interface PostgresCommandSchedulerOptions {
  readonly pool: pg.Pool;
  /** Schema holding `scheduled_commands` (default `scheduler`); create it with `migrateScheduler`. */
  readonly schema?: string;
  /**
   * Entries due within this window of now wake the dispatchers at once over NOTIFY (default 60 s); later
   * ones are found by the dispatchers' poll, so far-future scheduling does not chatter.
   */
  readonly notifyWithinMs?: number;
  readonly clock?: () => Date;
}

/** A connection inside the caller's transaction (a PoolClient or a Client). */
export type SchedulerQueryable = Pick<pg.ClientBase, 'query'>;

const serialise = (entries: readonly ScheduledCommand[]): string[] =>
  entries.map((entry, index) => {
    try {
      return JSON.stringify(entry.command);
    } catch (error) {
      throw new ValidationError('scheduled command is not JSON-serialisable', [
        { path: `[${index}].command`, message: error instanceof Error ? error.message : String(error) },
      ]);
    }
  });

/**
 * The durable CommandScheduler. An entry is one row keyed by `scheduleId`; scheduling an existing id keeps the
 * first. `ScheduledCommandDispatcher` delivers due rows.
 */
export class PostgresCommandScheduler implements CommandScheduler {
  private readonly pool: pg.Pool;
  private readonly names: SchedulerNames;
  private readonly notifyWithinMs: number;
  private readonly clock: () => Date;

  constructor(options: PostgresCommandSchedulerOptions) {
    this.pool = options.pool;
    this.names = schedulerNames(options.schema);
    this.notifyWithinMs = options.notifyWithinMs ?? 60_000;
    this.clock = options.clock ?? (() => new Date());
    if (!Number.isFinite(this.notifyWithinMs) || this.notifyWithinMs < 0) {
      throw new ValidationError('notifyWithinMs must be a non-negative number', [{ path: 'notifyWithinMs', message: 'must be >= 0' }]);
    }
  }

  /**
   * Stores the entries in one statement: all or none. Pass `client` to schedule inside your own transaction
   * (e.g. with a reaction's checkpoint or inbox row); the entries, and the wake-up NOTIFY, then exist only if
   * that transaction commits.
   */
  async schedule(entries: readonly ScheduledCommand[], client?: SchedulerQueryable): Promise<void> {
    validateScheduledCommands(entries);
    if (entries.length === 0) return;
    const commands = serialise(entries);
    const horizon = new Date(this.clock().getTime() + this.notifyWithinMs);
    await (client ?? this.pool).query(
      `WITH inserted AS (
         INSERT INTO ${this.names.table} (schedule_id, due_at, next_attempt_at, command)
         SELECT e.id, e.due, e.due, e.cmd FROM unnest($1::text[], $2::timestamptz[], $3::jsonb[]) WITH ORDINALITY AS e(id, due, cmd, n)
         ORDER BY e.n
         ON CONFLICT (schedule_id) DO NOTHING
         RETURNING due_at
       )
       SELECT CASE WHEN min(due_at) <= $4::timestamptz
                   THEN pg_notify($5, (extract(epoch FROM min(due_at)) * 1000)::bigint::text) END AS notified
       FROM inserted`,
      [entries.map((e) => e.scheduleId), entries.map((e) => e.dueAt.toISOString()), commands, horizon.toISOString(), this.names.channel],
    );
  }

  /**
   * Cancels a pending entry; false when it was already sent, cancelled, failed or never existed. An entry being
   * delivered at this moment is row-locked by the dispatcher, so cancel waits for that delivery to finish and
   * then cancels only if the delivery failed and the entry is still pending.
   */
  async cancel(scheduleId: string, client?: SchedulerQueryable): Promise<boolean> {
    if (typeof scheduleId !== 'string' || scheduleId.length === 0) {
      throw new ValidationError('scheduleId must be a non-empty string', [{ path: 'scheduleId', message: 'must be a non-empty string' }]);
    }
    const { rowCount } = await (client ?? this.pool).query(
      `UPDATE ${this.names.table} SET status = 'cancelled' WHERE schedule_id = $1 AND status = 'pending'`,
      [scheduleId],
    );
    return (rowCount ?? 0) > 0;
  }

  /** The stored entry and its delivery history, or undefined for an unknown id. */
  async find(scheduleId: string): Promise<ScheduledCommandRecord | undefined> {
    const { rows } = await this.pool.query<ScheduledCommandRow>(`SELECT * FROM ${this.names.table} WHERE schedule_id = $1`, [scheduleId]);
    return rows[0] && toRecord(rows[0]);
  }
}
