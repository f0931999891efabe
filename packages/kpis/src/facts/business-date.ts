import { ValidationError } from '@rooftop/eventsourcing';

/** docs/architecture.md §8: business dates are calendar days in the store's time zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A fixed zone for every store, or one per store (HQ holds stores in several zones). */
export type TimeZoneOption = string | ((storeId: string) => string);

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw new ValidationError(`unknown time zone ${JSON.stringify(timeZone)}`, [{ path: 'timeZone', message: 'not an IANA time zone' }]);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** Throws a typed ValidationError for a zone the runtime does not know, so bad config fails at start-up. */
export const assertTimeZone = (timeZone: string): void => {
  formatterFor(timeZone);
};

export const zoneResolver = (option: TimeZoneOption | undefined): ((storeId: string) => string) => {
  if (typeof option === 'function') return option;
  const zone = option ?? DEFAULT_TIME_ZONE;
  assertTimeZone(zone);
  return () => zone;
};

/** `2025-03-02T17:30:00Z` in Asia/Shanghai → `2025-03-03`. */
export const businessDateOf = (occurredAt: string, timeZone: string): string => {
  const instant = new Date(occurredAt);
  if (Number.isNaN(instant.getTime())) {
    throw new ValidationError(`occurredAt ${JSON.stringify(occurredAt)} is not an instant`, [
      { path: 'metadata.occurredAt', message: 'not an ISO-8601 instant' },
    ]);
  }
  // en-CA formats as YYYY-MM-DD.
  return formatterFor(timeZone).format(instant);
};

/** Whole calendar days from one business date to another (`2025-03-01` → `2025-03-04` = 3). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
