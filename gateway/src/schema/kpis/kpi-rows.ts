import { type KpiPoint } from '@rooftop/kpis';

/**
 * Folds KPI points into one row per key: for each KPI name, Σ numerator and Σ denominator over every period
 * and breakdown that maps to the key, so a report's ratios are Σ ÷ Σ like the KPIs themselves.
 */
export const sumPoints = (
  points: readonly KpiPoint[],
  keyOf: (p: KpiPoint) => string,
): Map<string, Map<string, { numerator: number; denominator: number }>> => {
  const rows = new Map<string, Map<string, { numerator: number; denominator: number }>>();
  for (const p of points) {
    const row = rows.get(keyOf(p)) ?? new Map<string, { numerator: number; denominator: number }>();
    const sums = row.get(p.name) ?? { numerator: 0, denominator: 0 };
    row.set(p.name, { numerator: sums.numerator + p.numerator, denominator: sums.denominator + (p.denominator ?? 0) });
    rows.set(keyOf(p), row);
  }
  return rows;
};

export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
