import { type SalesRole } from './scheme.js';

export const COMMISSION_LINE_KINDS = ['vehicle', 'above_floor', 'financed', 'insurance', 'decoration'] as const;
export type CommissionLineKind = (typeof COMMISSION_LINE_KINDS)[number];

/** One line of a statement: what it pays for (`ref`: order, policy or sale id), how it was computed, and the amount in fen. */
export interface CommissionLine {
  readonly kind: CommissionLineKind;
  readonly ref: string;
  readonly basis: string;
  readonly amount: number;
}

/** A salesperson's monthly commission and performance pay under one scheme, line by line (fen throughout). */
export interface CommissionStatement {
  readonly employeeId: string;
  readonly month: string;
  readonly schemeId: string;
  readonly role: SalesRole;
  readonly targetUnits?: number;
  /** Vehicles settled in the month that count toward the target. */
  readonly unitsSettled: number;
  /** unitsSettled ÷ targetUnits in basis points (8000 = 80 %), rounded down; undefined without a target. */
  readonly attainmentBasisPoints?: number;
  /** Lower bound of the attainment band applied, in percent. */
  readonly band: number;
  readonly lines: readonly CommissionLine[];
  /** Σ lines, before the appraisal score. */
  readonly commissionTotal: number;
  readonly appraisalScore?: number;
  /** commissionTotal × score ÷ 100, rounded half up to the fen; undefined until the month is scored. */
  readonly performancePay?: number;
  readonly status: 'final' | 'awaiting_appraisal';
  /** This salesperson's orders with a signed price but no settlement yet (paid in the month they settle). */
  readonly awaitingSettlement: readonly string[];
}
