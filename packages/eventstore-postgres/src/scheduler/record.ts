import { type Command, type ScheduledCommand } from '@rooftop/eventsourcing';

export type ScheduledCommandState = 'pending' | 'sent' | 'cancelled' | 'failed';

/** A scheduled command as stored, with its delivery history. */
export interface ScheduledCommandRecord extends ScheduledCommand {
  readonly status: ScheduledCommandState;
  /** Delivery attempts so far (a successful delivery counts as one). */
  readonly attempts: number;
  readonly lastError?: string;
  /** When a pending entry is next due: its due time, or later after a failed attempt. */
  readonly nextAttemptAt: Date;
  readonly createdAt: Date;
  readonly sentAt?: Date;
}

export interface ScheduledCommandRow {
  schedule_id: string;
  due_at: Date;
  command: Command;
  status: ScheduledCommandState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  sent_at: Date | null;
}

export const toRecord = (row: ScheduledCommandRow): ScheduledCommandRecord => ({
  scheduleId: row.schedule_id,
  dueAt: row.due_at,
  command: row.command,
  status: row.status,
  attempts: row.attempts,
  ...(row.last_error === null ? {} : { lastError: row.last_error }),
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  ...(row.sent_at === null ? {} : { sentAt: row.sent_at }),
});
