import { deciderSpec } from '@rooftop/testkit';
import { describe, it } from 'vitest';
import { command } from '../../../test/builders.js';
import { type CommissionStatement } from './statement.js';
import { statementDecider, type StatementEvent } from './statement.decider.js';

const computed: CommissionStatement = {
  employeeId: 'emp-a',
  month: '2025-03',
  schemeId: '2013-05',
  role: 'consultant',
  targetUnits: 5,
  unitsSettled: 4,
  attainmentBasisPoints: 8000,
  band: 80,
  lines: [{ kind: 'vehicle', ref: 'o-1', basis: 'T61 (sedan), band ≥80%', amount: 24_000 }],
  commissionTotal: 24_000,
  appraisalScore: 90,
  performancePay: 21_600,
  status: 'final',
  awaitingSettlement: [],
};
const cny = (amount: number) => ({ amount, currency: 'CNY' as const });
const issued = (revision: number, pay: number, previous: number, total = 24_000): StatementEvent => ({
  type: 'CommissionStatementIssued',
  data: {
    employeeId: 'emp-a',
    month: '2025-03',
    schemeId: '2013-05',
    role: 'consultant',
    targetUnits: 5,
    unitsSettled: 4,
    attainmentBasisPoints: 8000,
    band: 80,
    lines: [{ kind: 'vehicle', ref: 'o-1', basis: 'T61 (sedan), band ≥80%', amount: cny(24_000) }],
    commissionTotal: cny(total),
    appraisalScore: 90,
    performancePay: cny(pay),
    revision,
    previousPerformancePay: cny(previous),
  },
});
const issue = command('IssueCommissionStatement', { employeeId: 'emp-a', month: '2025-03' });

describe('commission statement decider', () => {
  it('issues the computed statement with every line, once per unchanged input', () => {
    deciderSpec(statementDecider(computed))
      .given([])
      .when(issue)
      .thenEvents([issued(1, 21_600, 0)]);
    deciderSpec(statementDecider(computed))
      .given([issued(1, 21_600, 0)])
      .when(issue)
      .thenEvents([]);
  });

  it('re-issues the next revision when the inputs changed, carrying the pay it replaces', () => {
    const rescored = { ...computed, appraisalScore: 80, performancePay: 19_200 };
    deciderSpec(statementDecider(rescored))
      .given([issued(1, 21_600, 0)])
      .when(issue)
      .thenEvents([{ ...issued(2, 19_200, 21_600), data: { ...issued(2, 19_200, 21_600).data, appraisalScore: 80 } }]);
  });

  it('waits for the appraisal score', () => {
    const { appraisalScore: _s, performancePay: _p, ...unscored } = computed;
    deciderSpec(statementDecider({ ...unscored, status: 'awaiting_appraisal' }))
      .given([])
      .when(issue)
      .thenError('AWAITING_APPRAISAL');
  });
});
