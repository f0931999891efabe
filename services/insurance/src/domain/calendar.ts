// Business dates in the store's time zone (docs/architecture.md §8). Pure: `Intl` and arithmetic, never a clock.

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
};

const parts = (instant: Date, timeZone: string) => {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute) };
};

/** The business date of an instant in the store's zone. */
export const localDate = (instant: string | Date, timeZone: string): string => parts(typeof instant === 'string' ? new Date(instant) : instant, timeZone).date;

/** `date` plus `days` calendar days (negative goes back). */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The instant the wall clock of `timeZone` shows `hour`:00 on `date` (zones without DST jumps at that hour). */
export const zonedInstant = (date: string, timeZone: string, hour = 0): Date => {
  const guess = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const seen = parts(new Date(guess), timeZone);
  const seenMs = Date.parse(`${seen.date}T${String(seen.hour).padStart(2, '0')}:${String(seen.minute).padStart(2, '0')}:00Z`);
  return new Date(guess - (seenMs - guess));
};
