import { listOnboardingOverdue, type OnboardingOverdueRow } from '@rooftop/kpis';
import { READ_ROLES, authorizeRead } from '../../auth/scope.js';
import { builder } from '../../builder.js';
import { gatewayError } from '../../errors.js';
import { rethrowTyped } from '../typed-errors.js';

const OnboardingOverdue = builder.objectRef<OnboardingOverdueRow>('OnboardingOverdue').implement({
  description: 'An employee without onboarding training a month after hire (新员工入职培训逾期), until it is done or they leave.',
  fields: (t) => ({
    storeId: t.exposeID('store_id'),
    employeeId: t.exposeID('employee_id'),
    hireDate: t.field({ type: 'Date', resolve: (r) => r.hire_date }),
    dueOn: t.field({ type: 'Date', description: 'Last day the training was due.', resolve: (r) => r.due_on }),
  }),
});

const MAX_ROWS = 200;

builder.queryField('onboardingOverdue', (t) =>
  t.field({
    nullable: true,
    type: [OnboardingOverdue],
    description: 'Employees whose onboarding training is overdue, longest overdue first (the HR work list).',
    args: {
      storeIds: t.arg.idList({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      offset: t.arg.int({ required: false, defaultValue: 0 }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeRead(ctx.auth, ctx.deployment, { roles: READ_ROLES.other, storeIds: args.storeIds?.map(String) ?? null });
      const first = args.first ?? 50;
      const offset = args.offset ?? 0;
      if (first < 1 || first > MAX_ROWS) throw gatewayError('VALIDATION_FAILED', `first must be 1–${MAX_ROWS}`);
      if (offset < 0) throw gatewayError('VALIDATION_FAILED', 'offset must not be negative');
      return rethrowTyped(() => listOnboardingOverdue(ctx.db, ctx.readSchema, { storeIds, limit: first, offset }));
    },
  }),
);
