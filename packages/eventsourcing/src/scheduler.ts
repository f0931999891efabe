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
