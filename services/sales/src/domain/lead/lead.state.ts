import { type sales } from '@rooftop/contracts';
import { type z } from 'zod';

export type LeadChannel = z.infer<typeof sales.leadChannel>;
export type AssigneeRole = z.infer<typeof sales.assigneeRole>;

export interface NoLead {
  readonly status: 'none';
}

/** A captured lead (潜客, A卡); `lost` keeps the facts so a late command gets a precise error. */
export interface KnownLead {
  readonly status: 'open' | 'lost';
  readonly leadId: string;
  readonly customerId: string;
  readonly channel: LeadChannel;
  readonly brand: string;
  readonly model?: string;
  readonly keyAccount: boolean;
  readonly assignee?: { readonly id: string; readonly role: AssigneeRole };
  /** The employee who owns the customer (ownership rules), once someone does. */
  readonly owner?: string;
  readonly ownerTouchedAt?: string;
  readonly visits: number;
  readonly receivedBy: readonly string[];
  readonly testDrives: number;
  readonly quotationIds: readonly string[];
}

export type Lead = NoLead | KnownLead;

export const initialLead = (): Lead => ({ status: 'none' });
