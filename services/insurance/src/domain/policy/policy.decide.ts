import { event, insurance as i } from '@rooftop/contracts';
import { DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { localDate } from '../calendar.js';
import { type Fen, type Policy, type PolicyCommand, type PolicyEvent } from './policy.state.js';

type Coverages = readonly { readonly premium: Fen }[];

/** The premium is the sum of the covers, so no one types a total that disagrees with them. */
const premiumOf = (coverages: Coverages): Fen => ({ amount: coverages.reduce((sum, c) => sum + c.premium.amount, 0), currency: 'CNY' });

const periodError = (startsOn: string, endsOn: string, after?: string): DomainError | undefined => {
  if (endsOn <= startsOn) return new DomainError('INVALID_POLICY_PERIOD', `cover must end after it starts (${startsOn} → ${endsOn})`);
  if (after !== undefined && startsOn <= after)
    return new DomainError('INVALID_POLICY_PERIOD', `the renewed term must start after the old one ends (${after})`);
  return undefined;
};

/** Pure rules of a policy; `timeZone` turns the command's `now` into the store's business date. */
export const decidePolicy =
  (timeZone: string) =>
  (command: PolicyCommand, state: Policy): PolicyEvent[] | DomainError => {
    const today = localDate(command.metadata.now, timeZone);
    const { policyId } = command.data;
    switch (command.type) {
      case 'RecordDeliveryPolicy': {
        // The same delivery seen again (redelivery after the inbox was lost) changes nothing.
        if (state.status === 'awaiting_terms' && state.sourceEventId === command.data.sourceEventId) return [];
        if (state.status !== 'none') return invalidTransition('POLICY_EXISTS', `policy ${policyId} already exists`);
        return [event(i.DeliveryPolicyRecorded, command.data)];
      }
      case 'SellNewPolicy': {
        const d = command.data;
        if (state.status === 'awaiting_terms' && state.vin !== d.vin) {
          return new DomainError('VIN_MISMATCH', `policy ${policyId} was recorded at delivery for ${state.vin}, not ${d.vin}`);
        }
        if (state.status !== 'none' && state.status !== 'awaiting_terms') return invalidTransition('POLICY_EXISTS', `policy ${policyId} already has terms`);
        const bad = periodError(d.startsOn, d.endsOn);
        if (bad) return bad;
        const orderId = d.orderId ?? (state.status === 'awaiting_terms' ? state.orderId : undefined);
        return [
          event(i.NewPolicySold, { ...d, ...(orderId ? { orderId } : {}), premium: premiumOf(d.coverages), soldBy: command.actor.id, soldOn: today, term: 1 }),
        ];
      }
      default:
        break;
    }
    if (state.status === 'none') return notFound('POLICY_NOT_FOUND', `no policy ${policyId}`);
    if (state.status === 'awaiting_terms') return invalidTransition('POLICY_TERMS_MISSING', `policy ${policyId} has no terms yet (SellNewPolicy)`);
    if (command.type === 'OpenRenewalOpportunity') {
      if (command.data.term !== state.term)
        return invalidTransition('STALE_RENEWAL_TERM', `policy ${policyId} is in term ${state.term}, not ${command.data.term}`);
      if (state.status !== 'active') return invalidTransition('RENEWAL_NOT_OPENABLE', `policy ${policyId} is ${state.status}`);
      const { term, vin, brand, customerId, insurer, endsOn, premium } = state;
      return [
        event(i.RenewalOpportunityOpened, { policyId, term, vin, brand, customerId, insurer, expiresOn: endsOn, expiringPremium: premium, openedOn: today }),
      ];
    }
    if (state.status !== 'renewal_open')
      return invalidTransition('NO_OPEN_RENEWAL', `policy ${policyId} has no open renewal opportunity (it is ${state.status})`);
    switch (command.type) {
      case 'AssignRenewal':
        return [event(i.RenewalAssigned, { ...command.data, term: state.term, brand: state.brand, assignedBy: command.actor.id })];
      case 'LogRenewalCall':
        return [event(i.RenewalCallLogged, { ...command.data, term: state.term, calledBy: command.actor.id, calledAt: command.metadata.now })];
      case 'RenewPolicy': {
        const { renewedBy, ...d } = command.data;
        const bad = periodError(d.startsOn, d.endsOn, state.endsOn);
        if (bad) return bad;
        return [
          event(i.PolicyRenewed, {
            ...d,
            term: state.term + 1,
            vin: state.vin,
            brand: state.brand,
            premium: premiumOf(d.coverages),
            renewedBy: renewedBy ?? state.assigneeId ?? command.actor.id,
            renewedOn: today,
            previousExpiresOn: state.endsOn,
          }),
        ];
      }
      case 'LoseRenewal':
        return [
          event(i.RenewalLost, { ...command.data, term: state.term, brand: state.brand, lostBy: command.actor.id, lostOn: today, expiresOn: state.endsOn }),
        ];
      default:
        return unreachable(command);
    }
  };
