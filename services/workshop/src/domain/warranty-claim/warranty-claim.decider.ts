import { type CommandUnion, event, type EventOf, type EventUnion, workshop as w } from '@rooftop/contracts';
import { type Decider, DomainError, invalidTransition, notFound } from '@rooftop/eventsourcing';

// Warranty claims to the OEM (保修索赔): submitted → approved | rejected.

export type WarrantyClaimEvent = EventUnion<typeof w.warrantyClaimEvents>;
export type WarrantyClaimCommand = CommandUnion<typeof w.warrantyClaimCommands>;

type Submitted = EventOf<typeof w.WarrantyClaimSubmitted>['data'];
export type WarrantyClaim = { readonly status: 'none' } | (Submitted & { readonly status: 'submitted' | 'approved' | 'rejected' });

const decide = (command: WarrantyClaimCommand, state: WarrantyClaim): WarrantyClaimEvent[] | DomainError => {
  if (command.type === 'SubmitWarrantyClaim') {
    if (state.status !== 'none') return invalidTransition('CLAIM_EXISTS', `warranty claim ${command.data.claimId} already exists`);
    return [event(w.WarrantyClaimSubmitted, { ...command.data, submittedBy: command.actor.id })];
  }
  if (state.status === 'none') return notFound('CLAIM_NOT_FOUND', `no warranty claim ${command.data.claimId}`);
  if (state.status !== 'submitted') return invalidTransition('CLAIM_ALREADY_DECIDED', `warranty claim ${state.claimId} was already ${state.status}`);
  const { claimId, repairOrderId, brand, claimedAmount } = state;
  if (command.type === 'RejectWarrantyClaim') return [event(w.WarrantyClaimRejected, { claimId, repairOrderId, brand, reason: command.data.reason })];
  const { approvedAmount, oemReference } = command.data;
  if (approvedAmount.amount > claimedAmount.amount) {
    return new DomainError('APPROVED_EXCEEDS_CLAIMED', 'the OEM cannot approve more than was claimed', {
      claimed: claimedAmount.amount,
      approved: approvedAmount.amount,
    });
  }
  return [event(w.WarrantyClaimApproved, { claimId, repairOrderId, brand, claimedAmount, approvedAmount, ...(oemReference ? { oemReference } : {}) })];
};

const evolve = (state: WarrantyClaim, e: WarrantyClaimEvent): WarrantyClaim => {
  if (e.type === 'WarrantyClaimSubmitted') return { ...e.data, status: 'submitted' };
  if (state.status === 'none') return state;
  return { ...state, status: e.type === 'WarrantyClaimApproved' ? 'approved' : 'rejected' };
};

export const warrantyClaimDecider: Decider<WarrantyClaimCommand, WarrantyClaim, WarrantyClaimEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
