// Pure time arithmetic on instants that came in with a command (never a clock read).

const MS_PER_DAY = 86_400_000;

/** Days (fractional) from one instant to a later one. */
export const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / MS_PER_DAY;

/** The business date (YYYY-MM-DD) of an instant in the store's time zone (docs/architecture.md §8). */
export const businessDateOf = (instant: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

/** The calendar month (YYYY-MM) of an instant in the store's time zone. */
export const monthOf = (instant: string, timeZone: string): string => businessDateOf(instant, timeZone).slice(0, 7);

/** The later of two optional instants. */
export const latest = (a: string | undefined, b: string | undefined): string | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
};
