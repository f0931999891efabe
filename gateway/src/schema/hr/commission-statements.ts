import { type CommissionStatementLineRow, type CommissionStatementRow, listCommissionStatements } from '@rooftop/kpis';
import { READ_ROLES, authorizeRead } from '../../auth/scope.js';
import { builder } from '../../builder.js';
import { gatewayError } from '../../errors.js';
import { rethrowTyped } from '../typed-errors.js';

const CommissionLine = builder.objectRef<CommissionStatementLineRow>('CommissionStatementLine').implement({
  description: 'One line of a commission statement: what it pays for, how it was computed, and the amount.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'vehicle, above_floor, financed, insurance or decoration' }),
    ref: t.exposeID('ref', { description: 'Order, policy or accessory sale id.' }),
    basis: t.exposeString('basis'),
    amountFen: t.float({ description: 'In fen.', resolve: (l) => Number(l.amount_fen) }),
  }),
});

const CommissionStatement = builder.objectRef<CommissionStatementRow>('CommissionStatement').implement({
  description: "A salesperson's issued monthly commission statement (latest revision), line by line.",
  fields: (t) => ({
    storeId: t.exposeID('store_id'),
    employeeId: t.exposeID('employee_id'),
    month: t.exposeString('month', { description: 'YYYY-MM' }),
    schemeId: t.exposeString('scheme_id', { description: 'Commission scheme version used, e.g. 2013-05.' }),
    role: t.exposeString('role', { description: 'consultant or assistant (the table of the scheme applied).' }),
    revision: t.exposeInt('revision'),
    targetUnits: t.exposeInt('target_units', { nullable: true }),
    unitsSettled: t.exposeInt('units_settled'),
    band: t.exposeInt('band', { description: 'Lower bound (%) of the attainment band applied.' }),
    commissionTotalFen: t.float({ description: 'Σ lines, in fen.', resolve: (r) => Number(r.commission_total_fen) }),
    appraisalScore: t.exposeInt('appraisal_score'),
    performancePayFen: t.float({ description: 'commissionTotal × appraisalScore ÷ 100, in fen.', resolve: (r) => Number(r.performance_pay_fen) }),
    lines: t.field({ type: [CommissionLine], resolve: (r) => r.lines }),
  }),
});

const MAX_ROWS = 200;

builder.queryField('commissionStatements', (t) =>
  t.field({
    nullable: true,
    type: [CommissionStatement],
    description: "A month's issued commission statements, highest performance pay first (for sales management and payroll).",
    args: {
      storeIds: t.arg.idList({ required: false }),
      month: t.arg.string({ required: true, description: 'YYYY-MM' }),
      employeeId: t.arg.id({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      offset: t.arg.int({ required: false, defaultValue: 0 }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeRead(ctx.auth, ctx.deployment, { roles: READ_ROLES.salesManagement, storeIds: args.storeIds?.map(String) ?? null });
      const first = args.first ?? 50;
      const offset = args.offset ?? 0;
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(args.month)) throw gatewayError('VALIDATION_FAILED', 'month must be YYYY-MM');
      if (first < 1 || first > MAX_ROWS) throw gatewayError('VALIDATION_FAILED', `first must be 1–${MAX_ROWS}`);
      if (offset < 0) throw gatewayError('VALIDATION_FAILED', 'offset must not be negative');
      return rethrowTyped(() =>
        listCommissionStatements(ctx.db, ctx.readSchema, {
          storeIds,
          month: args.month,
          ...(args.employeeId ? { employeeId: String(args.employeeId) } : {}),
          limit: first,
          offset,
        }),
      );
    },
  }),
);
