import { z } from 'zod';
import { defineEvent } from '../define.js';
import { money, yearMonth } from '../common.js';
import { SALES_CONTEXT, targetScope } from './values.js';

export const SalesTargetSet = defineEvent({
  context: SALES_CONTEXT,
  type: 'SalesTargetSet',
  description: 'A monthly sales target was set (or replaced) for the store, a team or a consultant.',
  schema: z.object({
    scope: targetScope,
    month: yearMonth.describe('Month the target applies to'),
    units: z.int().min(0).max(100_000).describe('Vehicles to deliver in the month'),
    revenue: money.optional().describe('Vehicle revenue to reach in the month, if set'),
  }),
});

export const targetEvents = [SalesTargetSet] as const;
