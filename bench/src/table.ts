import { type BenchRow, type Target } from './suite.js';

/** Rates are big round numbers, latencies small ones: show what matters in each. */
export const formatNumber = (value: number): string => {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

export const formatTarget = (target: Target | null): string => {
  if (!target) return '';
  const op = target.op === '>=' ? '≥' : '≤';
  return target.of === 'peer' ? `${op} ${target.value.toFixed(2)}× peer` : `${op} ${formatNumber(target.value)}`;
};

const status = (row: BenchRow): string => (row.met === null ? (row.target ? '?' : '') : row.met ? '✓' : '✗');

const header = ['benchmark', 'value', 'unit', 'target', 'status', 'peer (Emmett)', 'ratio ours/peer'] as const;
const rightAligned = new Set([1, 3, 5, 6]);

/** A plain-text table (no colours: it is also pasted into docs/benchmarks.md). */
export const formatTable = (rows: readonly BenchRow[]): string => {
  const cells = rows.map((row) => [
    row.name,
    formatNumber(row.value),
    row.unit,
    formatTarget(row.target),
    status(row),
    row.peer === null ? 'n/a' : formatNumber(row.peer),
    row.ratio === null ? 'n/a' : `${row.ratio.toFixed(2)}×`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const render = (line: readonly string[]) =>
    line
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(render)].join('\n');
};
