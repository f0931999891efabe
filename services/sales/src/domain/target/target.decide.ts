import { event, sales } from '@rooftop/contracts';
import { DomainError } from '@rooftop/eventsourcing';
import { type SalesSettings } from '../settings.js';
import { monthOf } from '../shared/time.js';
import { type SalesTargetCommand, type SalesTargetEvent } from './target.messages.js';
import { type SalesTarget } from './target.state.js';

/**
 * Targets are set at the start of a month (docs/domain/sales.md "Targets") and may be revised while it runs; a month that has ended is
 * history — attainment was measured against what was set then. Setting the same numbers again changes nothing.
 */
export const decideSalesTarget =
  (settings: SalesSettings) =>
  (command: SalesTargetCommand, state: SalesTarget): readonly SalesTargetEvent[] | DomainError => {
    const d = command.data;
    const current = monthOf(command.metadata.now, settings.timeZone);
    if (d.month < current) {
      return new DomainError('TARGET_MONTH_CLOSED', `month ${d.month} has ended (it is ${current} in the store)`, { month: d.month, current });
    }
    const sameRevenue = state.status === 'set' && state.revenue?.amount === d.revenue?.amount && state.revenue?.currency === d.revenue?.currency;
    if (state.status === 'set' && state.units === d.units && sameRevenue) return [];
    return [event(sales.SalesTargetSet, d)];
  };
