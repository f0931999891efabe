import { ValidationError } from './errors.js';
import { type CommandScheduler, type ScheduledCommand } from './scheduler.js';

type Issue = { path: string; message: string };

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

const issuesOf = (entry: unknown, at: string): Issue[] => {
  if (typeof entry !== 'object' || entry === null) return [{ path: at, message: 'must be an object' }];
  const { scheduleId, dueAt, command } = entry as Record<string, unknown>;
  const issues: Issue[] = [];
  if (!isText(scheduleId)) issues.push({ path: `${at}.scheduleId`, message: 'must be a non-empty string' });
  if (!(dueAt instanceof Date) || Number.isNaN(dueAt.getTime())) issues.push({ path: `${at}.dueAt`, message: 'must be a valid Date' });
  if (typeof command !== 'object' || command === null) return [...issues, { path: `${at}.command`, message: 'must be an object' }];
  const { actor, metadata } = command as Record<string, unknown>;
  for (const key of ['commandId', 'type', 'storeId'] as const) {
    if (!isText((command as Record<string, unknown>)[key])) issues.push({ path: `${at}.command.${key}`, message: 'must be a non-empty string' });
  }
  // The command is handled long after it was scheduled: a shape the handler cannot read must be refused now,
  // not discovered at delivery time as an endless retry.
  if (typeof actor !== 'object' || actor === null) issues.push({ path: `${at}.command.actor`, message: 'must be an object' });
  if (typeof metadata !== 'object' || metadata === null || !isText((metadata as Record<string, unknown>).correlationId)) {
    issues.push({ path: `${at}.command.metadata.correlationId`, message: 'must be a non-empty string' });
  }
  return issues;
};

/**
 * The rules every scheduler adapter applies before it stores anything: a batch with one bad entry is refused
 * whole with a ValidationError listing each failing path, so nothing is half-scheduled.
 */
export const validateScheduledCommands = (entries: readonly ScheduledCommand[]): void => {
  if (!Array.isArray(entries)) throw new ValidationError('scheduled commands must be an array', [{ path: '', message: 'must be an array' }]);
  const issues = entries.flatMap((entry, index) => issuesOf(entry, `[${index}]`));
  if (issues.length > 0) throw new ValidationError(`${issues.length} invalid scheduled command field(s)`, issues);
};

export type ScheduledCommandStatus = 'pending' | 'sent' | 'cancelled';

interface Entry {
  readonly scheduled: ScheduledCommand;
  status: ScheduledCommandStatus;
}

/**
 * A CommandScheduler in memory, for unit tests of services that schedule commands. It has no clock and no
 * dispatcher: a test asks what is `due(now)` and hands those commands to the handler itself, then `markSent`.
 * Same rules as the durable adapter: the first schedule of an id wins, only pending entries cancel.
 */
export class InMemoryCommandScheduler implements CommandScheduler {
  private readonly entries = new Map<string, Entry>();

  async schedule(entries: readonly ScheduledCommand[]): Promise<void> {
    validateScheduledCommands(entries);
    for (const scheduled of entries) {
      if (this.entries.has(scheduled.scheduleId)) continue;
      // A copy, so a caller mutating its object afterwards cannot change what was scheduled (as with a database).
      this.entries.set(scheduled.scheduleId, {
        scheduled: { scheduleId: scheduled.scheduleId, dueAt: new Date(scheduled.dueAt.getTime()), command: structuredClone(scheduled.command) },
        status: 'pending',
      });
    }
  }

  async cancel(scheduleId: string): Promise<boolean> {
    const entry = this.entries.get(scheduleId);
    if (entry?.status !== 'pending') return false;
    entry.status = 'cancelled';
    return true;
  }

  /** Pending entries whose due time is at or before `now`, earliest first. */
  due(now: Date): ScheduledCommand[] {
    return [...this.entries.values()]
      .filter((entry) => entry.status === 'pending' && entry.scheduled.dueAt.getTime() <= now.getTime())
      .map((entry) => entry.scheduled)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.scheduleId.localeCompare(b.scheduleId));
  }

  /** Returns false when the entry is not pending (already sent, cancelled or unknown). */
  markSent(scheduleId: string): boolean {
    const entry = this.entries.get(scheduleId);
    if (entry?.status !== 'pending') return false;
    entry.status = 'sent';
    return true;
  }

  /** The entry as scheduled and its status, or undefined for an unknown id. */
  get(scheduleId: string): { readonly scheduled: ScheduledCommand; readonly status: ScheduledCommandStatus } | undefined {
    const entry = this.entries.get(scheduleId);
    return entry && { scheduled: entry.scheduled, status: entry.status };
  }
}
