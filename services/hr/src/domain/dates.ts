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
