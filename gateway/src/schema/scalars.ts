import { GraphQLError, Kind } from '../graphql.js';
import { builder } from '../builder.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const parseDate = (value: unknown): string => {
  if (
    typeof value !== 'string' ||
    !DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new GraphQLError('a Date is a calendar date written YYYY-MM-DD', { extensions: { code: 'VALIDATION_FAILED' } });
  }
  return value;
};

builder.scalarType('Date', {
  description: 'A calendar date (business date in the store time zone), YYYY-MM-DD.',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Nesting a JSON input may have; a contract's union nests a few levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a JSON value nests at most `max` arrays and objects deep, found without recursion: deeper values
 * would end the stack of whatever recursive code (zod, JSON.stringify, the gateway's own) meets them next.
 */
export const nestsWithin = (value: unknown, max: number): boolean => {
  const pending: Array<readonly [unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return true;
};

builder.scalarType('JSON', {
  description: `Any JSON value (used where a shape is only known to its contract, e.g. a union in a command input), nested at most ${MAX_JSON_DEPTH} levels.`,
  serialize: (value) => value,
  parseValue: (value) => {
    if (!nestsWithin(value, MAX_JSON_DEPTH)) {
      throw new GraphQLError(`a JSON value nests at most ${MAX_JSON_DEPTH} levels`, { extensions: { code: 'VALIDATION_FAILED', reason: 'INPUT_TOO_DEEP' } });
    }
    return value;
  },
  parseLiteral: () => {
    throw new GraphQLError('pass JSON values as variables', { extensions: { code: 'VALIDATION_FAILED' } });
  },
});
