import { describe, expect, it } from 'vitest';
import { toJson } from './report.js';
import { toRow } from './suite.js';
import { formatNumber, formatTable, formatTarget } from './table.js';

describe('toRow', () => {
  it('marks a rate target met or missed and computes ours/peer', () => {
    expect(toRow({ name: 'append', value: 4_000, unit: 'events/s', target: { op: '>=', value: 3_000 }, peer: 2_000 })).toEqual({
      name: 'append',
      value: 4_000,
      unit: 'events/s',
      target: { op: '>=', value: 3_000 },
      met: true,
      peer: 2_000,
      ratio: 2,
    });
    expect(toRow({ name: 'append', value: 2_999, unit: 'events/s', target: { op: '>=', value: 3_000 } }).met).toBe(false);
  });

  it('treats a latency target as an upper bound', () => {
    expect(toRow({ name: 'p99', value: 15, unit: 'ms', target: { op: '<=', value: 15 } }).met).toBe(true);
    expect(toRow({ name: 'p99', value: 15.1, unit: 'ms', target: { op: '<=', value: 15 } }).met).toBe(false);
  });

  it('applies a target with of: peer to the same-run ratio, and leaves it undecided without a peer value', () => {
    const target = { op: '>=', value: 1.5, of: 'peer' } as const;
    expect(toRow({ name: 'append', value: 3_000, unit: 'events/s', target, peer: 2_000 }).met).toBe(true);
    expect(toRow({ name: 'append', value: 2_900, unit: 'events/s', target, peer: 2_000 }).met).toBe(false);
    expect(toRow({ name: 'append', value: 2_900, unit: 'events/s', target }).met).toBeNull();
    expect(toRow({ name: 'p99', value: 9, unit: 'ms', target: { op: '<=', value: 1, of: 'peer' }, peer: 10 }).met).toBe(true);
    expect(formatTarget(target)).toBe('≥ 1.50× peer');
  });

  it('leaves met, peer and ratio null when there is no target or no peer value', () => {
    expect(toRow({ name: 'catchup', value: 10, unit: 'events/s', peer: null })).toMatchObject({ target: null, met: null, peer: null, ratio: null });
    expect(toRow({ name: 'catchup', value: 10, unit: 'events/s', peer: 0 }).ratio).toBeNull();
  });
});

describe('formatting', () => {
  it('shows rates as whole numbers with separators and latencies with decimals', () => {
    expect(formatNumber(123_456.7)).toBe('123,457');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(1.234)).toBe('1.23');
    expect(formatTarget({ op: '>=', value: 25_000 })).toBe('≥ 25,000');
    expect(formatTarget({ op: '<=', value: 15 })).toBe('≤ 15.0');
    expect(formatTarget(null)).toBe('');
  });

  it('prints a table with the benchmark, value, unit, target, status, peer and ratio columns', () => {
    const table = formatTable([
      toRow({ name: 'append', value: 4_000, unit: 'events/s', target: { op: '>=', value: 3_000 }, peer: 2_000 }),
      toRow({ name: 'append p99', value: 20, unit: 'ms', target: { op: '<=', value: 15 }, peer: 10 }),
      toRow({ name: 'catchup (200000 events)', value: 90_000, unit: 'events/s' }),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^benchmark\s+value\s+unit\s+target\s+status\s+peer \(Emmett\)\s+ratio ours\/peer$/);
    expect(lines[1]).toMatch(/^-+( +-+){6}$/);
    expect(lines[2]).toMatch(/^append\s+4,000\s+events\/s\s+≥ 3,000\s+✓\s+2,000\s+2\.00×$/);
    expect(lines[3]).toMatch(/^append p99\s+20\.0\s+ms\s+≤ 15\.0\s+✗\s+10\.0\s+2\.00×$/);
    expect(lines[4]).toMatch(/^catchup \(200000 events\)\s+90,000\s+events\/s\s+n\/a\s+n\/a$/);
    // Numbers are right-aligned: every value ends where the "value" header ends.
    const valueEnd = lines[0]!.indexOf('value') + 'value'.length;
    for (const line of lines.slice(2)) {
      expect(line.slice(0, valueEnd)).toMatch(/\d$/);
      expect(line[valueEnd]).toBe(' ');
    }
  });
});

describe('JSON rows', () => {
  it('writes each row with exactly name, value, unit, target, met, peer and ratio', () => {
    const row = { ...toRow({ name: 'append', value: 4_000, unit: 'events/s', target: { op: '>=', value: 3_000 }, peer: 2_000 }), extra: 'dropped' };
    const parsed = JSON.parse(
      toJson({
        startedAt: '2026-11-23T10:00:00.000Z',
        machine: { cores: 2, cpu: 'test', loadavg: [0.1, 0.2, 0.3], node: 'v20', postgres: '15' },
        options: { durationMs: 1, warmupMs: 1, events: 1, peer: true },
        suites: ['append'],
        rows: [row],
        failures: [],
      }),
    ) as { rows: Array<Record<string, unknown>>; machine: { cores: number } };
    expect(Object.keys(parsed.rows[0]!)).toEqual(['name', 'value', 'unit', 'target', 'met', 'peer', 'ratio']);
    expect(parsed.rows[0]).toEqual({ name: 'append', value: 4_000, unit: 'events/s', target: { op: '>=', value: 3_000 }, met: true, peer: 2_000, ratio: 2 });
    expect(parsed.machine.cores).toBe(2);
  });
});
