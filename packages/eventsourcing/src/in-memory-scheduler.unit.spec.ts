import { describe, expect, it } from 'vitest';
import { increment } from '../test/counter.js';
import { ValidationError } from './errors.js';
import { InMemoryCommandScheduler, validateScheduledCommands } from './in-memory-scheduler.js';
import { type ScheduledCommand } from './scheduler.js';

const at = (iso: string) => new Date(iso);
const entry = (scheduleId: string, dueAt: string, commandId = `cmd-${scheduleId}`): ScheduledCommand => ({
  scheduleId,
  dueAt: at(dueAt),
  command: increment(commandId, 1),
});

describe('InMemoryCommandScheduler', () => {
  it('returns only pending entries that are due, earliest first', async () => {
    const scheduler = new InMemoryCommandScheduler();
    await scheduler.schedule([entry('b', '2026-11-24T10:00:00Z'), entry('a', '2026-11-23T10:00:00Z'), entry('c', '2026-11-30T10:00:00Z')]);
    expect(scheduler.due(at('2026-11-22T00:00:00Z'))).toEqual([]);
    expect(scheduler.due(at('2026-11-24T10:00:00Z')).map((e) => e.scheduleId)).toEqual(['a', 'b']);
  });

  it('keeps the first schedule of an id and ignores later ones', async () => {
    const scheduler = new InMemoryCommandScheduler();
    await scheduler.schedule([entry('a', '2026-11-23T10:00:00Z', 'first')]);
    await scheduler.schedule([entry('a', '2026-11-20T10:00:00Z', 'second')]);
    expect(scheduler.get('a')?.scheduled.command.commandId).toBe('first');
    expect(scheduler.due(at('2026-11-21T00:00:00Z'))).toEqual([]);
  });

  it('markSent removes an entry from due and only once', async () => {
    const scheduler = new InMemoryCommandScheduler();
    await scheduler.schedule([entry('a', '2026-11-23T10:00:00Z')]);
    expect(scheduler.markSent('a')).toBe(true);
    expect(scheduler.markSent('a')).toBe(false);
    expect(scheduler.due(at('2027-01-01T00:00:00Z'))).toEqual([]);
    expect(scheduler.get('a')?.status).toBe('sent');
  });

  it('cancels pending entries only', async () => {
    const scheduler = new InMemoryCommandScheduler();
    await scheduler.schedule([entry('a', '2026-11-23T10:00:00Z'), entry('b', '2026-11-23T10:00:00Z')]);
    scheduler.markSent('b');
    expect(await scheduler.cancel('a')).toBe(true);
    expect(await scheduler.cancel('a')).toBe(false);
    expect(await scheduler.cancel('b')).toBe(false);
    expect(await scheduler.cancel('never')).toBe(false);
    expect(scheduler.due(at('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('refuses a batch with any invalid entry as a whole, listing every failing path', async () => {
    const scheduler = new InMemoryCommandScheduler();
    const bad = [
      entry('ok', '2026-11-23T10:00:00Z'),
      { scheduleId: '', dueAt: new Date('not a date'), command: { ...increment('x', 1), commandId: '', storeId: 7 } },
    ] as unknown as ScheduledCommand[];
    const error = await scheduler.schedule(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['[1].scheduleId', '[1].dueAt', '[1].command.commandId', '[1].command.storeId']);
    expect(scheduler.get('ok')).toBeUndefined();
  });

  it('refuses a command the handler could not read later (no actor, no correlation id)', () => {
    const broken = { scheduleId: 's', dueAt: at('2026-11-23T10:00:00Z'), command: { commandId: 'c', type: 'T', storeId: 's1', data: {} } };
    expect(() => validateScheduledCommands([broken as unknown as ScheduledCommand])).toThrow(ValidationError);
    expect(() => validateScheduledCommands(null as unknown as ScheduledCommand[])).toThrow(ValidationError);
  });

  it('stores a copy, so mutating the caller object later changes nothing', async () => {
    const scheduler = new InMemoryCommandScheduler();
    const original = entry('a', '2026-11-23T10:00:00Z');
    await scheduler.schedule([original]);
    original.dueAt.setTime(0);
    (original.command.data as { by: number }).by = 99;
    const stored = scheduler.get('a')?.scheduled;
    expect(stored?.dueAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(stored?.command.data).toEqual({ by: 1, counterId: 'c1' });
  });
});
