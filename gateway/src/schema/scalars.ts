import { GraphQLError, Kind } from '../graphql.js';
import { builder } from '../builder.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const parseDate = (value: unknown): string => {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
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

builder.scalarType('JSON', {
  description: 'Any JSON value (used where a shape is only known to its contract, e.g. a union in a command input).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: () => {
    throw new GraphQLError('pass JSON values as variables', { extensions: { code: 'VALIDATION_FAILED' } });
  },
});
