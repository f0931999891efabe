import { type FestivalBreak, type HolidayNotice, type IsoDate, MAINLAND_CHINA_NOTICES } from './mainland-china.js';

/** The built-in calendars a store can name (`none`: weekends only, plus whatever the store lists itself). */
export const HOLIDAY_CALENDARS = ['mainland-china', 'none'] as const;
export type HolidayCalendarName = (typeof HOLIDAY_CALENDARS)[number];

/** Days off and make-up working days, sorted and without repeats: what a store calendar needs. */
export interface HolidayDays {
  readonly holidays: readonly IsoDate[];
  readonly makeUpWorkingDays: readonly IsoDate[];
}

const DAY_MS = 86_400_000;

const utcMs = (date: IsoDate): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
};

const isoOf = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/** Every day of a break, first to last inclusive. */
export const daysOff = (festival: FestivalBreak): IsoDate[] => {
  const [first, last] = festival.off.map(utcMs) as [number, number];
  const days: IsoDate[] = [];
  for (let ms = first; ms <= last; ms += DAY_MS) days.push(isoOf(ms));
  return days;
};

const sortedUnique = (dates: Iterable<IsoDate>): IsoDate[] => [...new Set(dates)].sort();

const noticesOf = (name: HolidayCalendarName): readonly HolidayNotice[] => (name === 'mainland-china' ? MAINLAND_CHINA_NOTICES : []);

/** The years a built-in calendar has published dates for (empty for `none`). */
export const publishedYears = (name: HolidayCalendarName): number[] => noticesOf(name).map((n) => n.year);

/**
 * A built-in calendar's days, with the store's own additions: extra days off (a local holiday) and extra
 * make-up working days. A make-up working day wins over a holiday on the same date, so listing a built-in
 * holiday as a make-up day is how a store declares that date an ordinary working day.
 */
export const holidayDays = (
  name: HolidayCalendarName,
  own: { readonly holidays?: readonly IsoDate[]; readonly makeUpWorkingDays?: readonly IsoDate[] } = {},
): HolidayDays => {
  const breaks = noticesOf(name).flatMap((n) => n.breaks);
  for (const date of [...(own.holidays ?? []), ...(own.makeUpWorkingDays ?? [])]) utcMs(date);
  return {
    holidays: sortedUnique([...breaks.flatMap(daysOff), ...(own.holidays ?? [])]),
    makeUpWorkingDays: sortedUnique([...breaks.flatMap((b) => b.makeUp), ...(own.makeUpWorkingDays ?? [])]),
  };
};
