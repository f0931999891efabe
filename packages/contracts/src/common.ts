import { z } from 'zod';

// Building blocks shared by every context's contracts. Each carries `.describe()` text because the generated
// JSON Schema, AsyncAPI document and catalog are read by integrators who never see this code.

/**
 * Ids are chosen by the caller (commands carry them, docs/architecture.md §2) and end up in stream names and NATS subject
 * tokens, so they are restricted to characters that are safe in both: UUIDs qualify, as do codes like `emp-007`.
 */
export const entityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
  .describe('Identifier: 1–64 letters, digits, "-" or "_" (UUIDv7 recommended)');

/** A reference to an employee (consultant, manager, specialist). */
export const employeeId = entityId.describe('Employee id');

export const CURRENCIES = ['CNY'] as const;

const currency = z.enum(CURRENCIES).describe('ISO-4217 currency code; the platform trades in CNY only');

/** Money is integer fen so sums stay exact; negative amounts are meaningless for prices, costs and payments. */
export const money = z
  .object({
    amount: z.int().min(0).describe('Amount in fen (1 CNY = 100 fen), never negative'),
    currency,
  })
  .describe('An amount of money in integer fen');

/** Money that must be more than zero (a discount, a loan). */
export const positiveMoney = z
  .object({
    amount: z.int().min(1).describe('Amount in fen (1 CNY = 100 fen), greater than zero'),
    currency,
  })
  .describe('A positive amount of money in integer fen');

export type Money = z.infer<typeof money>;

/** An instant with an explicit offset, so it means the same thing in every store's time zone. */
export const isoDateTime = z.iso.datetime({ offset: true }).describe('Instant, ISO-8601 with offset (e.g. 2025-03-01T09:30:00+08:00)');

/** A calendar day in the store's time zone (docs/architecture.md §8), not an instant. */
export const businessDate = z.iso.date().describe("Business date YYYY-MM-DD in the store's time zone");

export const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('Calendar month YYYY-MM');

/** ISO 3779: 17 characters, letters I, O and Q never appear (they read like 1 and 0). */
export const vin = z
  .string()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/)
  .describe('Vehicle identification number: 17 upper-case letters/digits, no I, O or Q');

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

/**
 * Mainland plates: province character, issuing-authority letter, then 5 characters (fuel vehicles) or 6
 * (new-energy vehicles); plate letters skip I and O. Special suffixes (挂 trailer, 学 driving school, 警 police,
 * 港/澳 cross-border) replace the last character.
 */
export const chinesePlate = z
  .string()
  .regex(new RegExp(`^[${PROVINCES}][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])$`))
  .describe('Chinese licence plate, e.g. 粤B12345 or 粤BD12345 (new energy)');

/** Mobile numbers (optionally +86) or landlines with area code. */
export const phone = z
  .string()
  .regex(/^(?:(?:\+86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/)
  .describe('Phone number: mainland mobile (optional +86) or landline with area code');

export const personName = z.string().min(1).max(64).describe('Name of a person as they gave it');

export const brand = z.string().min(1).max(64).describe('Vehicle brand, e.g. 长安 or Changan');

export const vehicleModel = z.string().min(1).max(64).describe('Vehicle model within the brand');

export const note = z.string().min(1).max(1000).describe('Free-text note');
