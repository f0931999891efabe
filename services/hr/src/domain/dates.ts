// Calendar arithmetic on business dates (YYYY-MM-DD in the store's time zone); no clock is read.

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const parts = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
};

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The same day `months` later; a day that month lacks becomes its last day (01-31 + 1 month → 02-28). */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
};

export const addDays = (date: string, days: number): string => {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/** `YYYY-MM` of a business date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The business date of an instant in a time zone. */
export const localDate = (instant: string | Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

/** Minutes the zone is ahead of UTC at an instant. */
const offsetMinutes = (instant: number, timeZone: string): number => {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return (Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(instant / 60_000) * 60_000) / 60_000;
};

/** The instant a business date starts in a time zone. */
export const startOfDay = (date: string, timeZone: string): Date => {
  const [y, m, d] = parts(date);
  const utc = Date.UTC(y, m - 1, d);
  const first = utc - offsetMinutes(utc, timeZone) * 60_000;
  return new Date(utc - offsetMinutes(first, timeZone) * 60_000);
};
