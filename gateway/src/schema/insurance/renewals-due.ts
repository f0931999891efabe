import { type RenewalDueRow, listRenewalsDue } from '@rooftop/kpis';
import { READ_ROLES, authorizeRead } from '../../auth/scope.js';
import { builder } from '../../builder.js';
import { gatewayError } from '../../errors.js';
import { rethrowTyped } from '../typed-errors.js';

const RenewalDue = builder.objectRef<RenewalDueRow>('RenewalDue').implement({
  description: 'An open renewal opportunity (续保): a policy term in its lead window, not yet renewed or lost.',
  fields: (t) => ({
    storeId: t.exposeID('store_id'),
    policyId: t.exposeID('policy_id'),
    term: t.exposeInt('term', { description: 'Policy year expiring (1 = the policy sold with the car).' }),
    vin: t.exposeString('vin'),
    brand: t.exposeString('brand'),
    customerId: t.exposeID('customer_id'),
    insurer: t.exposeString('insurer'),
    expiresOn: t.field({ type: 'Date', description: 'Last day of cover of the expiring term.', resolve: (r) => r.expires_on }),
    expiringPremiumFen: t.float({ description: 'Premium of the expiring term, in fen.', resolve: (r) => Number(r.expiring_premium_fen) }),
    openedOn: t.field({ type: 'Date', description: 'When the opportunity opened.', resolve: (r) => r.opened_on }),
    assigneeId: t.exposeID('assignee_id', { nullable: true, description: 'Renewal staff member or SA working it, once assigned.' }),
    assigneeRole: t.exposeString('assignee_role', { nullable: true, description: 'renewal_staff or service_advisor' }),
    calls: t.exposeInt('calls', { description: 'Calls logged so far.' }),
    lastOutcome: t.exposeString('last_outcome', { nullable: true }),
    nextCallOn: t.field({ type: 'Date', nullable: true, description: 'Next call agreed with the customer.', resolve: (r) => r.next_call_on }),
  }),
});

const MAX_ROWS = 200;

builder.queryField('renewalsDue', (t) =>
  t.field({
    nullable: true,
    type: [RenewalDue],
    description: 'Renewal opportunities still open whose cover ends on or before `expiresBy`, soonest first (the renewal staff and SA work list).',
    args: {
      storeIds: t.arg.idList({ required: false }),
      expiresBy: t.arg({ type: 'Date', required: true }),
      assigneeId: t.arg.id({ required: false, description: "Only this staff member's renewals." }),
      first: t.arg.int({ required: false, defaultValue: 50 }),
      offset: t.arg.int({ required: false, defaultValue: 0 }),
    },
    resolve: async (_root, args, ctx) => {
      const storeIds = authorizeRead(ctx.auth, ctx.deployment, { roles: READ_ROLES.workshop, storeIds: args.storeIds?.map(String) ?? null });
      const first = args.first ?? 50;
      const offset = args.offset ?? 0;
      if (first < 1 || first > MAX_ROWS) throw gatewayError('VALIDATION_FAILED', `first must be 1–${MAX_ROWS}`);
      if (offset < 0) throw gatewayError('VALIDATION_FAILED', 'offset must not be negative');
      return rethrowTyped(() =>
        listRenewalsDue(ctx.db, ctx.readSchema, {
          storeIds,
          expiresBy: args.expiresBy,
          ...(args.assigneeId ? { assigneeId: String(args.assigneeId) } : {}),
          limit: first,
          offset,
        }),
      );
    },
  }),
);
