import { describe, expect, it } from 'vitest';
import { settings } from '../../../test/builders.js';
import {
  addDays,
  addMonths,
  addWorkingDays,
  daysBetween,
  dayOfWeek,
  isValidTimeZone,
  isWorkingDay,
  localDate,
  offsetMinutes,
  zonedInstant,
} from './store-calendar.js';

const plain = { timeZone: 'Asia/Shanghai', holidays: [], makeUpWorkingDays: [] };

describe('store calendar', () => {
  it('gives the business date in the store time zone: 23:30 UTC is the next day in Shanghai', () => {
    expect(localDate('2026-03-31T23:30:00Z', 'Asia/Shanghai')).toBe('2026-04-01');
    expect(localDate('2026-03-31T23:30:00Z', 'UTC')).toBe('2026-03-31');
    expect(localDate('2026-04-01T07:30:00+08:00', 'Asia/Shanghai')).toBe('2026-04-01');
    expect(localDate('2026-04-01T00:30:00+08:00', 'Europe/Berlin')).toBe('2026-03-31');
  });

  it('finds the instant a local wall-clock time happens, with or without daylight saving', () => {
    expect(zonedInstant('2026-04-01', 'Asia/Shanghai').toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(zonedInstant('2026-04-01', 'Asia/Shanghai', 9).toISOString()).toBe('2026-04-01T01:00:00.000Z');
    expect(zonedInstant('2026-03-30', 'Europe/Berlin', 9).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(zonedInstant('2026-03-27', 'Europe/Berlin', 9).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(offsetMinutes(new Date('2026-06-01T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('does day and month arithmetic across month and year boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-03-15', -12)).toBe('2025-03-15');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(dayOfWeek('2026-03-07')).toBe(6);
    expect(() => addDays('2026-3-1', 1)).toThrow(RangeError);
  });

  it('treats weekends and holidays as non-working, make-up days as working', () => {
    expect(isWorkingDay('2026-03-06', plain)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', plain)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', plain)).toBe(false); // Sunday
    expect(isWorkingDay('2026-05-01', settings)).toBe(false); // Labour Day, a Friday
    expect(isWorkingDay('2026-05-04', settings)).toBe(false); // holiday Monday
    expect(isWorkingDay('2026-04-26', settings)).toBe(false); // an ordinary Sunday (no make-up day in April 2026)
    expect(isWorkingDay('2026-02-14', settings)).toBe(true); // make-up Saturday before the Spring Festival
    expect(isWorkingDay('2026-05-09', settings)).toBe(true); // make-up Saturday
  });

  it('counts working days forward, skipping weekends', () => {
    expect(addWorkingDays('2026-03-02', 3, plain)).toBe('2026-03-05'); // Mon → Thu
    expect(addWorkingDays('2026-03-05', 3, plain)).toBe('2026-03-10'); // Thu → next Tue
    expect(addWorkingDays('2026-03-07', 1, plain)).toBe('2026-03-09'); // Sat → Mon
    expect(addWorkingDays('2026-03-07', 0, plain)).toBe('2026-03-07');
  });

  it('counts working days across a month boundary and a holiday with make-up days', () => {
    expect(addWorkingDays('2026-03-30', 3, plain)).toBe('2026-04-02'); // Mon 30 Mar → Thu 2 Apr
    expect(addWorkingDays('2026-04-29', 3, plain)).toBe('2026-05-04');
    // With the holiday: Thu 30 Apr, then 1 May (holiday), 2–3 (weekend), 4–5 (holiday), Wed 6, Thu 7, Fri 8.
    expect(addWorkingDays('2026-04-29', 3, settings)).toBe('2026-05-07');
    expect(addWorkingDays('2026-04-24', 1, settings)).toBe('2026-04-27'); // Fri → Mon (26 April is not worked)
    expect(addWorkingDays('2026-02-13', 1, settings)).toBe('2026-02-14'); // Fri → make-up Saturday
    expect(addWorkingDays('2026-02-14', 1, settings)).toBe('2026-02-24'); // across the 9-day Spring Festival break
    expect(addWorkingDays('2026-05-08', 1, settings)).toBe('2026-05-09'); // Fri → make-up Saturday
  });

  it('refuses a negative count and a calendar without working days', () => {
    expect(() => addWorkingDays('2026-03-02', -1, plain)).toThrow(RangeError);
    const allHoliday = { timeZone: 'UTC', holidays: Array.from({ length: 800 }, (_, i) => addDays('2026-01-01', i)), makeUpWorkingDays: [] };
    expect(() => addWorkingDays('2026-01-01', 1, allHoliday)).toThrow(/no working day/);
  });
});
