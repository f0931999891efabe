import { type SalesTargetEvent } from './target.messages.js';
import { type SalesTarget } from './target.state.js';

export const evolveSalesTarget = (_state: SalesTarget, event: SalesTargetEvent): SalesTarget => ({
  status: 'set',
  units: event.data.units,
  ...(event.data.revenue !== undefined ? { revenue: event.data.revenue } : {}),
});
