import { describe, expect, it } from 'vitest';
import { parseKpiQuery, periodEnd } from './params.js';

const valid = { names: ['sales.leads'], storeIds: ['store-a'], from: '2025-01-01', to: '2025-12-31', granularity: 'MONTH' };

describe('KPI query parameters', () => {
  it('ends each calendar-aligned period on its last day', () => {
    expect(periodEnd('2025-03-05', 'DAY')).toBe('2025-03-05');
    expect(periodEnd('2025-03-03', 'WEEK')).toBe('2025-03-09');
    expect(periodEnd('2024-02-01', 'MONTH')).toBe('2024-02-29');
    expect(periodEnd('2025-10-01', 'QUARTER')).toBe('2025-12-31');
    expect(periodEnd('2025-01-01', 'YEAR')).toBe('2025-12-31');
  });

  it('defaults the breakdown to none', () => {
    expect(parseKpiQuery(valid).by).toEqual([]);
  });

  it.each([
    ['no KPI', { names: [] }],
    ['no store', { storeIds: [] }],
    ['a store id that is not an id', { storeIds: ['store a'] }],
    ['a date that is not a date', { from: '2025-02-30' }],
    ['to before from', { from: '2026-01-01' }],
    ['an unknown granularity', { granularity: 'HOUR' }],
    ['an unknown dimension', { by: ['colour'] }],
    ['a dimension twice', { by: ['brand', 'brand'] }],
    ['a range of more than ten years', { from: '2000-01-01' }],
  ])('rejects %s with a typed error', (_, override) => {
    expect(() => parseKpiQuery({ ...valid, ...override })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
