import { entityId, parseWith } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { z } from 'zod';
import { KPI_DIMENSIONS, KPI_GRANULARITIES, type KpiGranularity } from '../dictionary/types.js';

/** Longest range a query may span, so a typo in a year cannot ask PostgreSQL for a million-day series. */
export const MAX_QUERY_DAYS = 3700;

const isoDate = z.iso.date();

export const kpiQuerySchema = z
  .object({
    names: z.array(z.string().min(1).max(100)).min(1).max(100),
    storeIds: z.array(entityId).min(1).max(1000),
    from: isoDate,
    to: isoDate,
    granularity: z.enum(KPI_GRANULARITIES),
    by: z.array(z.enum(KPI_DIMENSIONS)).max(KPI_DIMENSIONS.length).default([]),
  })
  .refine((q) => new Set(q.by).size === q.by.length, { path: ['by'], message: 'a dimension is listed twice' })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to is before from' })
  .refine((q) => daysInRange(q.from, q.to) <= MAX_QUERY_DAYS, { path: ['to'], message: `the range spans more than ${MAX_QUERY_DAYS} days` });

export type KpiQuery = z.input<typeof kpiQuerySchema>;
export type ParsedKpiQuery = z.output<typeof kpiQuerySchema>;

export const parseKpiQuery = (query: unknown): ParsedKpiQuery => parseWith(kpiQuerySchema, query, 'KPI query');

const daysInRange = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** Last day of the period that starts on `start` (periods are calendar-aligned; weeks start on Monday). */
export const periodEnd = (start: string, granularity: KpiGranularity): string => {
  const d = new Date(`${start}T00:00:00Z`);
  const months = { DAY: 0, WEEK: 0, MONTH: 1, QUARTER: 3, YEAR: 12 }[granularity];
  if (granularity === 'DAY') return start;
  if (granularity === 'WEEK') d.setUTCDate(d.getUTCDate() + 6);
  else {
    d.setUTCMonth(d.getUTCMonth() + months);
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return d.toISOString().slice(0, 10);
};

export const PG_TRUNC: Record<KpiGranularity, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' };

export const READ_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertReadSchema = (schema: string): void => {
  if (!READ_SCHEMA.test(schema))
    throw new ValidationError(`read schema ${JSON.stringify(schema)} is not a schema name`, [{ path: 'readSchema', message: 'not a schema name' }]);
};
