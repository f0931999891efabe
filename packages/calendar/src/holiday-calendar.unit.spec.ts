import { describe, expect, it } from 'vitest';
import { daysOff, holidayDays, publishedYears } from './holiday-calendar.js';
import { MAINLAND_CHINA_NOTICES } from './mainland-china.js';

// Per year: the days off and the make-up working days the State Council's notice announces, added up from its
// text (each festival's "共N天" and its "上班" dates) — typed here apart from the data, so a slip in either shows.
const ANNOUNCED: Record<number, { daysOff: number; makeUpDays: number }> = {
  2020: { daysOff: 30, makeUpDays: 6 }, // Spring Festival extended to 2 Feb; 1 Feb no longer worked
  2021: { daysOff: 31, makeUpDays: 7 },
  2022: { daysOff: 31, makeUpDays: 7 },
  2023: { daysOff: 27, makeUpDays: 7 },
  2024: { daysOff: 30, makeUpDays: 8 },
  2025: { daysOff: 28, makeUpDays: 5 },
  2026: { daysOff: 33, makeUpDays: 6 },
};

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('mainland China holiday calendar', () => {
  it('has every year from 2020 to the latest published notice, in order', () => {
    expect(publishedYears('mainland-china')).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(publishedYears('none')).toEqual([]);
  });

  it.each(MAINLAND_CHINA_NOTICES.map((n) => [n.year, n] as const))('%i: days off and make-up days match the notice', (year, notice) => {
    const off = notice.breaks.flatMap(daysOff);
    const makeUp = notice.breaks.flatMap((b) => b.makeUp);
    expect({ daysOff: off.length, makeUpDays: makeUp.length }).toEqual(ANNOUNCED[year]);
    for (const festival of notice.breaks) expect(daysOff(festival), `${year} ${festival.name.en}`).toHaveLength(festival.days);
    // 调休: a make-up day is a weekend day outside every break, and no date is listed twice.
    for (const date of makeUp) expect([0, 6], `${date} is a weekend day`).toContain(weekday(date));
    expect(makeUp.filter((date) => off.includes(date))).toEqual([]);
    expect(new Set(off).size).toBe(off.length);
    // A break belongs to its year (only New Year's may begin on the last day of the year before).
    for (const date of off) expect([year, year - 1]).toContain(Number(date.slice(0, 4)));
  });

  it('2026: Labour Day is 1–5 May with 9 May worked; 26 April is an ordinary Sunday; National Day is made up on 20 Sep', () => {
    const { holidays, makeUpWorkingDays } = holidayDays('mainland-china');
    for (const d of ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']) expect(holidays).toContain(d);
    expect(makeUpWorkingDays).toContain('2026-05-09');
    expect(makeUpWorkingDays).not.toContain('2026-04-26');
    expect(holidays).not.toContain('2026-04-26');
    expect(makeUpWorkingDays.filter((d) => d.startsWith('2026-09'))).toEqual(['2026-09-20']);
    // Mid-Autumn 25–27 Sep: 27 Sep is a day off, not a working Sunday.
    expect(holidays).toContain('2026-09-27');
  });

  it('adds a store’s own days to the built-in ones, sorted and without repeats', () => {
    const days = holidayDays('mainland-china', { holidays: ['2026-07-01', '2026-05-01'], makeUpWorkingDays: ['2026-07-05'] });
    expect(days.holidays).toContain('2026-07-01');
    expect(days.holidays.filter((d) => d === '2026-05-01')).toHaveLength(1);
    expect(days.makeUpWorkingDays).toContain('2026-07-05');
    expect([...days.holidays]).toEqual([...days.holidays].sort());
    expect(holidayDays('none', { holidays: ['2026-07-01'] })).toEqual({ holidays: ['2026-07-01'], makeUpWorkingDays: [] });
  });

  it('refuses a store date that is not YYYY-MM-DD', () => {
    expect(() => holidayDays('none', { holidays: ['2026-7-1'] })).toThrow(RangeError);
  });
});
