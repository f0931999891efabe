import { type CommandUnion, event, type EventUnion, insurance as i } from '@rooftop/contracts';
import { type Decider, DomainError, invalidTransition, notFound, unreachable } from '@rooftop/eventsourcing';
import { localDate } from '../calendar.js';
import { type Fen } from '../policy/policy.state.js';

// Claims (理赔): reported → repaired at the store → settled by the insurer.

export type ClaimEvent = EventUnion<typeof i.claimEvents>;
export type ClaimCommand = CommandUnion<typeof i.claimCommands>;

export type Claim =
  | { readonly status: 'none' }
  | { readonly status: 'reported'; readonly repairOrderId: string; readonly insurer: string; readonly brand: string }
  | { readonly status: 'repaired' | 'settled'; readonly repairOrderId: string; readonly insurer: string; readonly brand: string; readonly repairAmount: Fen };

const decide =
  (timeZone: string) =>
  (command: ClaimCommand, state: Claim): ClaimEvent[] | DomainError => {
    const { claimId } = command.data;
    const today = localDate(command.metadata.now, timeZone);
    if (command.type === 'ReportClaim') {
      if (state.status !== 'none') return invalidTransition('CLAIM_EXISTS', `claim ${claimId} already exists`);
      // The repair order is the claim's own id, so the workshop invoice finds its way back to the claim.
      return [event(i.ClaimReported, { ...command.data, repairOrderId: claimId, reportedBy: command.actor.id, reportedAt: command.metadata.now })];
    }
    if (state.status === 'none') return notFound('CLAIM_NOT_FOUND', `no claim ${claimId}`);
    const { repairOrderId, insurer, brand } = state;
    if (command.type === 'RecordClaimRepair') {
      if (state.status !== 'reported') return invalidTransition('CLAIM_ALREADY_REPAIRED', `claim ${claimId} is ${state.status}`);
      return [event(i.ClaimRepaired, { claimId, repairOrderId, insurer, brand, repairAmount: command.data.repairAmount, repairedOn: today })];
    }
    if (state.status === 'reported') return invalidTransition('CLAIM_NOT_REPAIRED', `claim ${claimId} is settled after its repair`);
    if (state.status === 'settled') return invalidTransition('CLAIM_ALREADY_SETTLED', `claim ${claimId} is settled`);
    if (command.data.settledAmount.amount > state.repairAmount.amount) {
      return new DomainError('SETTLEMENT_EXCEEDS_REPAIR', `the insurer cannot pay more than the repair amount (${state.repairAmount.amount} fen)`);
    }
    return [event(i.ClaimSettled, { claimId, insurer, brand, repairAmount: state.repairAmount, settledAmount: command.data.settledAmount, settledOn: today })];
  };

const evolve = (state: Claim, e: ClaimEvent): Claim => {
  switch (e.type) {
    case 'ClaimReported':
      return { status: 'reported', repairOrderId: e.data.repairOrderId, insurer: e.data.insurer, brand: e.data.brand };
    case 'ClaimRepaired':
      return state.status === 'none' ? state : { ...state, status: 'repaired', repairAmount: e.data.repairAmount };
    case 'ClaimSettled':
      return state.status === 'repaired' ? { ...state, status: 'settled' } : state;
    default:
      return unreachable(e);
  }
};

export const claimDecider = (timeZone: string): Decider<ClaimCommand, Claim, ClaimEvent> => ({
  decide: decide(timeZone),
  evolve,
  initialState: () => ({ status: 'none' }),
});
