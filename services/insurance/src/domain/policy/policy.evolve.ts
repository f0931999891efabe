import { unreachable } from '@rooftop/eventsourcing';
import { type Policy, type PolicyEvent } from './policy.state.js';

export const evolvePolicy = (state: Policy, e: PolicyEvent): Policy => {
  switch (e.type) {
    case 'DeliveryPolicyRecorded':
      return { status: 'awaiting_terms', vin: e.data.vin, sourceEventId: e.data.sourceEventId, orderId: e.data.orderId };
    case 'NewPolicySold':
    case 'PolicyRenewed': {
      const d = e.data;
      const customerId = e.type === 'NewPolicySold' ? e.data.customerId : 'customerId' in state ? state.customerId : '';
      return {
        status: 'active',
        vin: d.vin,
        brand: d.brand,
        customerId,
        insurer: d.insurer,
        term: d.term,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        premium: d.premium,
      };
    }
    case 'RenewalOpportunityOpened':
      return state.status === 'active' ? { ...state, status: 'renewal_open' } : state;
    case 'RenewalAssigned':
      return state.status === 'renewal_open' ? { ...state, assigneeId: e.data.assigneeId } : state;
    case 'RenewalCallLogged':
      return state;
    case 'RenewalLost':
      return state.status === 'renewal_open' ? { ...state, status: 'lost' } : state;
    default:
      return unreachable(e);
  }
};
