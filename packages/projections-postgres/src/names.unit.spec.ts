import { describe, expect, it } from 'vitest';
import { ProjectionConfigError } from './errors.js';
import { assertProjectionName, assertSchemaName, generationSchema, quoteIdent } from './names.js';
import { describeError, isInfrastructureFailure } from './poison.js';

describe('names', () => {
  it('accepts lower-case snake names whose generation schemas fit in 63 bytes', () => {
    expect(() => assertProjectionName('sales_funnel')).not.toThrow();
    const longest = 'a'.repeat(40);
    expect(() => assertProjectionName(longest)).not.toThrow();
    expect(generationSchema(longest, 2_147_483_647).length).toBeLessThanOrEqual(63);
  });

  it.each(['', 'Sales', 'sales-funnel', '1st', 'a'.repeat(41), 'x; DROP SCHEMA read'])('rejects projection name %j with a typed error', (name) => {
    expect(() => assertProjectionName(name)).toThrow(ProjectionConfigError);
  });

  it('rejects schema names outside lower-case snake case', () => {
    expect(() => assertSchemaName('read')).not.toThrow();
    expect(() => assertSchemaName('Read')).toThrow(ProjectionConfigError);
    expect(() => assertSchemaName('a.b')).toThrow(ProjectionConfigError);
  });

  it('quotes catalog identifiers, doubling embedded quotes', () => {
    expect(quoteIdent('daily_totals')).toBe('"daily_totals"');
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});

describe('poison classification', () => {
  const pgError = (code: string) => Object.assign(new Error('boom'), { code });

  it('treats connection, rollback and resource failures as infrastructure, never as poison', () => {
    for (const code of ['08006', '40001', '40P01', '53300', '57P01', '58030']) expect(isInfrastructureFailure(pgError(code))).toBe(true);
    expect(isInfrastructureFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('treats data and constraint errors (and plain exceptions) as poison', () => {
    for (const code of ['22P02', '23505', '42703']) expect(isInfrastructureFailure(pgError(code))).toBe(false);
    expect(isInfrastructureFailure(new TypeError('cannot read amount'))).toBe(false);
  });

  it('describes an error with its SQLSTATE when it has one', () => {
    expect(describeError(pgError('22P02'))).toBe('Error [22P02]: boom');
    expect(describeError(new TypeError('x'))).toBe('TypeError: x');
    expect(describeError('thrown string')).toBe('thrown string');
  });
});
