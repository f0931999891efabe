import { z } from 'zod';

/**
 * Building blocks for environment variables. Env values are always strings, so numbers are coerced; each block
 * rejects with a message that names the expectation, never the received value.
 */

/** A TCP port; 0 lets the OS choose (tests and side-by-side dev processes). */
export const portVar = () => z.coerce.number().int().min(0).max(65535);

/** A positive integer, e.g. a timeout in milliseconds. */
export const positiveIntVar = () => z.coerce.number().int().positive();

/** `true`/`false`/`1`/`0`/`yes`/`no` (case-insensitive); `z.coerce.boolean` would read "false" as true. */
export const booleanVar = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), 'must be true or false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A URL whose scheme is one of `protocols` (without the colon), e.g. `urlVar('postgres', 'postgresql')`. */
export const urlVar = (...protocols: string[]) =>
  z.string().refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      return protocols.length === 0 || protocols.includes(new URL(value).protocol.replace(/:$/, ''));
    },
    protocols.length === 0 ? 'must be a valid URL' : `must be a valid URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  );

// Intl also accepts offsets such as "+08:00", which are not zone names and do not follow daylight-saving rules.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export const isTimeZone = (value: string): boolean => {
  if (!ZONE_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone name known to this runtime's Intl data, e.g. `Asia/Shanghai`. */
export const timeZoneVar = () => z.string().refine(isTimeZone, 'must be an IANA time zone name such as Asia/Shanghai');

/** An id used as a NATS subject token and in stream names (same rule as `@rooftop/contracts` subjects). */
export const idVar = () => z.string().regex(/^[A-Za-z0-9_-]+$/);
