import { platformRegistry } from '@rooftop/contracts';
import { builder } from '../builder.js';
import { addCommandMutations } from './commands/mutations.js';
import './scalars.js';
import './kpis/kpi-definition.js';
import './kpis/kpi-point.js';
import './sales/sales-funnel.js';
import './sales/consultant-ranking.js';
import './workshop/workshop-throughput.js';
import './workshop/follow-ups.js';
import './parts/low-stock.js';
import './insurance/renewals-due.js';
import './hr/onboarding-overdue.js';
import './hr/commission-statements.js';

/** Mutation field names, one per user-sendable command of the platform registry. */
export const commandMutations = addCommandMutations(platformRegistry);

/** Fields that return relay connections (their page size multiplies the cost of what they select). */
export const connectionFields = ['consultantRanking', 'followUps'] as const;

export const schema = builder.toSchema({ sortSchema: true });
