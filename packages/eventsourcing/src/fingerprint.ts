import { createHash } from 'node:crypto';
import { ValidationError } from './errors.js';

const MAX_DEPTH = 64;

const skipped = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

const canonical = (input: unknown, depth: number): string => {
  if (depth > MAX_DEPTH) {
    throw new ValidationError(`the data nests deeper than ${MAX_DEPTH} levels`, [{ path: 'data', message: `nests deeper than ${MAX_DEPTH} levels` }]);
  }
  const value =
    input !== null && typeof input === 'object' && typeof (input as { toJSON?: unknown }).toJSON === 'function'
      ? (input as { toJSON(): unknown }).toJSON()
      : input;
  if (value === null || typeof value !== 'object') return JSON.stringify(skipped(value) ? null : value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (skipped(item) ? 'null' : canonical(item, depth + 1))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => !skipped(record[key]))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key], depth + 1)}`).join(',')}}`;
};

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace (the RFC 8785 ordering; numbers and
 * strings as `JSON.stringify` writes them), so the same value gives the same text in any sender. Values JSON
 * cannot carry are treated as `JSON.stringify` treats them. Throws a ValidationError past 64 levels.
 */
export const canonicalJson = (value: unknown): string => canonical(value, 0);

/** sha-256 of the canonical JSON of a command's data, base64url: what idempotency and signed assertions compare. */
export const dataHash = (data: unknown): string => createHash('sha256').update(canonicalJson(data)).digest('base64url');
