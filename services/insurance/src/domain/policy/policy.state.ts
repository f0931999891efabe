import { type CommandUnion, type EventUnion, type insurance as i } from '@rooftop/contracts';

export type PolicyEvent = EventUnion<typeof i.policyEvents>;

export type PolicyCommand = CommandUnion<typeof i.policyCommands>;

export interface Fen {
  readonly amount: number;
  readonly currency: 'CNY';
}

/** What every covered term knows. */
export interface CoveredTerm {
  readonly vin: string;
  readonly brand: string;
  readonly customerId: string;
  readonly insurer: string;
  readonly term: number;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly premium: Fen;
}

/**
 * A vehicle's cover at this store: recorded at delivery (terms to follow) → active (a term in force) →
 * renewal_open (in the lead window) → active again (renewed, next term) or lost.
 */
export type Policy =
  | { readonly status: 'none' }
  | { readonly status: 'awaiting_terms'; readonly vin: string; readonly sourceEventId: string; readonly orderId: string }
  | (CoveredTerm & { readonly status: 'active' | 'lost' })
  | (CoveredTerm & { readonly status: 'renewal_open'; readonly assigneeId?: string });
