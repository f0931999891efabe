import { type Command } from './commands.js';

/**
 * Durable scheduled commands: a command to send at a due time, exactly once, surviving restarts.
 *
 * `scheduleId` is the idempotency key of the schedule itself (scheduling the same id twice keeps the
 * first), and the command's own `commandId` makes the delivery idempotent: the dispatcher delivers at least
 * once, and the command handler turns a repeated delivery into a no-op, so the effect happens exactly once.
 */
export interface ScheduledCommand {
  readonly scheduleId: string;
  readonly dueAt: Date;
  readonly command: Command;
}

export interface CommandScheduler {
  schedule(entries: readonly ScheduledCommand[]): Promise<void>;
  /** Cancels a pending entry; returns false when it had already been sent or never existed. */
  cancel(scheduleId: string): Promise<boolean>;
}

/** Delivers a due command (locally or over NATS). Throwing leaves the entry due for a later retry. */
export type ScheduledCommandSender = (command: Command) => Promise<void>;

/**
 * A command a context sends itself at a due time, as its pure timer rules derive it from an event. `key` is
 * unique per timer and deterministic: it becomes the schedule id and the command id, so deriving a timer twice
 * from the same event never doubles it.
 */
export interface TimerSpec {
  readonly key: string;
  readonly dueAt: Date;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** What timer rules read of a recorded event. */
export interface TimedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly occurredAt: string;
}
