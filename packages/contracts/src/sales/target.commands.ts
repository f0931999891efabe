import { z } from 'zod';
import { defineCommand } from '../define.js';
import { money, yearMonth } from '../common.js';
import { SALES_CONTEXT, targetScope, salesRoles as r } from './values.js';

export const SetSalesTarget = defineCommand({
  context: SALES_CONTEXT,
  type: 'SetSalesTarget',
  description: 'Set or replace the monthly target of the store, a team or a consultant.',
  roles: [r.salesManager, r.generalManager, r.admin],
  internal: false,
  schema: z.strictObject({
    scope: targetScope,
    month: yearMonth.describe('Month the target applies to'),
    units: z.int().min(0).max(100_000).describe('Vehicles to deliver in the month'),
    revenue: money.optional().describe('Vehicle revenue to reach in the month'),
  }),
});

export const targetCommands = [SetSalesTarget] as const;
