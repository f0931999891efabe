import { daysBetween } from '../shared/time.js';

// Customer ownership (顾客归属原则, docs/domain/sales.md "Customer ownership"). Pure rules; the lead decider applies them,
// because the lead is the customer file (A卡) the rules speak about.

/** What the rules need to know about who owns the customer now. */
export interface OwnershipView {
  readonly owner?: string;
  /** When the owner last looked after the customer: took the file, received a visit, or reached them by phone. */
  readonly ownerTouchedAt?: string;
  /** Key-account customers belong to key-account staff and never lapse to the showroom. */
  readonly keyAccount: boolean;
  /** Consultants who have received the customer before. */
  readonly receivedBy: readonly string[];
}

export interface VisitFacts {
  readonly receivingConsultantId: string;
  readonly askedForConsultantId?: string;
  readonly visitedAt: string;
}

export type OwnershipOutcome =
  | { readonly kind: 'keep' }
  /** Nobody owned the customer: the consultant who first receives them and opens the file owns them (rule 1). */
  | { readonly kind: 'first-reception'; readonly to: string }
  | { readonly kind: 'transfer'; readonly from: string; readonly to: string; readonly rule: 'lapsed_contact' | 'customer_choice' };

/**
 * Who owns the customer after a showroom visit:
 * 1. no owner yet → the receiving consultant (first reception);
 * 2. key-account customer → unchanged;
 * 3. the customer asks for the owner → unchanged;
 * 4. the customer asks for the receiving consultant, who has received them before → customer_choice;
 * 5. more than `lapseDays` since the owner last looked after the customer → lapsed_contact;
 * otherwise unchanged.
 */
export const ownershipAfterVisit = (view: OwnershipView, visit: VisitFacts, lapseDays: number): OwnershipOutcome => {
  const to = visit.receivingConsultantId;
  if (view.owner === undefined) return { kind: 'first-reception', to };
  if (view.owner === to || view.keyAccount) return { kind: 'keep' };
  if (visit.askedForConsultantId === view.owner) return { kind: 'keep' };
  if (visit.askedForConsultantId === to && view.receivedBy.includes(to)) return { kind: 'transfer', from: view.owner, to, rule: 'customer_choice' };
  // Without a recorded time there is nothing to prove a lapse with, so the owner keeps the customer.
  if (view.ownerTouchedAt !== undefined && daysBetween(view.ownerTouchedAt, visit.visitedAt) > lapseDays) {
    return { kind: 'transfer', from: view.owner, to, rule: 'lapsed_contact' };
  }
  return { kind: 'keep' };
};

/** A contact counts as the owner staying in touch only when the owner reached the customer by phone. */
export const isOwnerPhoneContact = (view: OwnershipView, contact: { contactedBy: string; method: string; outcome: string }): boolean =>
  contact.contactedBy === view.owner && contact.method === 'phone' && contact.outcome !== 'not_reached';
