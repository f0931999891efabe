import { type CommandUnion, event, type EventUnion, hr } from '@rooftop/contracts';
import { type Decider, DomainError } from '@rooftop/eventsourcing';
import { sameData } from '../same-data.js';
import { type CommissionStatement } from './statement.js';

export type StatementEvent = EventUnion<typeof hr.commissionEvents>;
export type StatementCommand = CommandUnion<typeof hr.commissionCommands>;

/** One salesperson's month (hr-commission-<employee>-<month>): the last statement issued. */
export interface IssuedStatement {
  readonly revision: number;
  readonly last?: StatementEvent['data'];
}

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

/** The event data of a computed statement (undefined fields left out, money as fen with currency). */
const toEventData = (s: CommissionStatement, score: number, pay: number, revision: number, previousPay: number): StatementEvent['data'] => ({
  employeeId: s.employeeId,
  month: s.month,
  schemeId: s.schemeId,
  role: s.role,
  ...(s.targetUnits === undefined ? {} : { targetUnits: s.targetUnits }),
  unitsSettled: s.unitsSettled,
  ...(s.attainmentBasisPoints === undefined ? {} : { attainmentBasisPoints: s.attainmentBasisPoints }),
  band: s.band,
  lines: s.lines.map((l) => ({ kind: l.kind, ref: l.ref, basis: l.basis, amount: cny(l.amount) })),
  commissionTotal: cny(s.commissionTotal),
  appraisalScore: score,
  performancePay: cny(pay),
  revision,
  previousPerformancePay: cny(previousPay),
});

const sameStatement = (a: StatementEvent['data'], b: StatementEvent['data']): boolean => {
  const { revision: _r1, previousPerformancePay: _p1, ...x } = a;
  const { revision: _r2, previousPerformancePay: _p2, ...y } = b;
  return sameData(x, y);
};

/**
 * Issues the statement the calculator computed (`computed`, from the inputs as the handler read them). Nothing
 * is paid before the month is scored; issuing again with unchanged inputs changes nothing; changed inputs
 * (a late settlement, a corrected score) issue the next revision, which replaces the previous one.
 */
export const statementDecider = (computed: CommissionStatement): Decider<StatementCommand, IssuedStatement, StatementEvent> => ({
  decide: (_command, state) => {
    if (computed.appraisalScore === undefined || computed.performancePay === undefined) {
      return new DomainError('AWAITING_APPRAISAL', `${computed.employeeId} has no appraisal score for ${computed.month}; the statement waits for it`, {
        employeeId: computed.employeeId,
        month: computed.month,
      });
    }
    const previousPay = state.last?.performancePay.amount ?? 0;
    const next = toEventData(computed, computed.appraisalScore, computed.performancePay, state.revision + 1, previousPay);
    if (state.last && sameStatement(state.last, next)) return [];
    return [event(hr.CommissionStatementIssued, next)];
  },
  evolve: (state, e) => ({ revision: e.data.revision, last: e.data }),
  initialState: () => ({ revision: 0 }),
});
