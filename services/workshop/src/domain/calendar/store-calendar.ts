// The store calendar (docs/architecture.md §8): business dates in the store's IANA time zone and working days = not a
// weekend and not a configured holiday, unless the day is a configured make-up working day (调休). Pure: only
// `Intl` and arithmetic, never a clock.

/** A calendar day `YYYY-MM-DD`. */
export type IsoDate = string;

export interface StoreCalendar {
  readonly timeZone: string;
  readonly holidays: readonly IsoDate[];
  /** Weekend days worked in exchange for a holiday (调休上班). */
  readonly makeUpWorkingDays: readonly IsoDate[];
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

const wallClock = (instant: Date, timeZone: string) => {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), mi: Number(parts.minute), s: Number(parts.second) };
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const parseDate = (date: IsoDate): { y: number; m: number; d: number } => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
};

const fromUtcDays = (ms: number): IsoDate => {
  const dt = new Date(ms);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
};

const utcMs = (date: IsoDate): number => {
  const { y, m, d } = parseDate(date);
  return Date.UTC(y, m - 1, d);
};

/** True when the time zone is a valid IANA name. */
export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The business date of an instant in the store's time zone. */
export const localDate = (instant: string | Date, timeZone: string): IsoDate => {
  const w = wallClock(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
};

/** Minutes the zone is ahead of UTC at that instant (+480 for Asia/Shanghai). */
export const offsetMinutes = (instant: Date, timeZone: string): number => {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
};

/** The instant at which the wall clock in the zone shows `date hour:minute`. */
export const zonedInstant = (date: IsoDate, timeZone: string, hour = 0, minute = 0): Date => {
  const { y, m, d } = parseDate(date);
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const first = offsetMinutes(new Date(guess), timeZone);
  let instant = guess - first * 60_000;
  const second = offsetMinutes(new Date(instant), timeZone);
  if (second !== first) instant = guess - second * 60_000;
  return new Date(instant);
};

export const addDays = (date: IsoDate, days: number): IsoDate => fromUtcDays(utcMs(date) + days * DAY_MS);

/** Same day n months later; a day the target month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  const { y, m, d } = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((utcMs(to) - utcMs(from)) / DAY_MS);

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: IsoDate): number => new Date(utcMs(date)).getUTCDay();

export const isWorkingDay = (date: IsoDate, calendar: StoreCalendar): boolean => {
  if (calendar.makeUpWorkingDays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
};

/** The n-th working day after `date` (n ≥ 1); `date` itself never counts. */
export const addWorkingDays = (date: IsoDate, n: number, calendar: StoreCalendar): IsoDate => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
  let current = date;
  let left = n;
  // A year of consecutive non-working days would be a misconfigured calendar; stop rather than loop forever.
  for (let guard = 0; left > 0; guard++) {
    if (guard > 366 + n) throw new RangeError('the store calendar has no working day within a year');
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) left--;
  }
  return current;
};
