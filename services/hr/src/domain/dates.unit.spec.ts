import { describe, expect, it } from 'vitest';
import { addDays, addMonths, localDate, monthOf, startOfDay } from './dates.js';

describe('business dates', () => {
  it('add calendar months, clamping to the last day of a shorter month', () => {
    expect(addMonths('2025-03-03', 1)).toBe('2025-04-03');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });

  it('add days across month ends and read the month and the local date of an instant', () => {
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(monthOf('2025-02-28')).toBe('2025-02');
    expect(localDate('2025-02-28T17:00:00Z', 'Asia/Shanghai')).toBe('2025-03-01');
    expect(startOfDay('2025-03-01', 'Asia/Shanghai').toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(startOfDay('2025-03-30', 'Europe/Berlin').toISOString()).toBe('2025-03-29T23:00:00.000Z');
  });
});
