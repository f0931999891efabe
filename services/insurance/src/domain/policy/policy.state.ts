import { type insurance as i } from '@rooftop/contracts';
import { type CommandOf, type EventOf } from '../messages.js';

export type PolicyEvent =
  | EventOf<typeof i.DeliveryPolicyRecorded>
  | EventOf<typeof i.NewPolicySold>
  | EventOf<typeof i.RenewalOpportunityOpened>
  | EventOf<typeof i.RenewalAssigned>
  | EventOf<typeof i.RenewalCallLogged>
  | EventOf<typeof i.PolicyRenewed>
  | EventOf<typeof i.RenewalLost>;

export type PolicyCommand =
  | CommandOf<typeof i.RecordDeliveryPolicy>
  | CommandOf<typeof i.SellNewPolicy>
  | CommandOf<typeof i.OpenRenewalOpportunity>
  | CommandOf<typeof i.AssignRenewal>
  | CommandOf<typeof i.LogRenewalCall>
  | CommandOf<typeof i.RenewPolicy>
  | CommandOf<typeof i.LoseRenewal>;

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
