import type pg from 'pg';
import { OPEN_LEADS_TABLE, type OpenLeadRow } from './open-leads.projection.js';

export interface OpenLead {
  readonly leadId: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly customerPhone: string;
  readonly channel: string;
  readonly brand: string;
  readonly model: string | null;
  readonly assigneeId: string | null;
  readonly assigneeRole: string | null;
  readonly stage: OpenLeadRow['stage'];
  readonly visits: number;
  readonly testDrives: number;
  readonly lastQuotedPriceFen: number | null;
  readonly nextAction: { readonly action: string; readonly dueOn: string | null } | null;
  readonly capturedAt: string;
  readonly lastActivityAt: string;
}

/**
 * A store's open leads (not lost, no live order), optionally of one assignee: due next actions first, then
 * the leads nobody planned anything for, longest untouched first.
 */
export const listOpenLeads = async (db: Pick<pg.Pool, 'query'>, filter: { storeId: string; assigneeId?: string; readSchema?: string }): Promise<OpenLead[]> => {
  const { rows } = await db.query<{ row: OpenLeadRow }>(
    `SELECT to_jsonb(t) AS row FROM ${filter.readSchema ?? 'read'}.${OPEN_LEADS_TABLE} t
      WHERE t.store_id = $1 AND t.status = 'open' AND ($2::text IS NULL OR t.assignee_id = $2)
      ORDER BY t.next_action_due NULLS LAST, t.last_activity_at, t.lead_id`,
    [filter.storeId, filter.assigneeId ?? null],
  );
  return rows.map(({ row: r }) => ({
    leadId: r.lead_id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerPhone: r.customer_phone,
    channel: r.channel,
    brand: r.brand,
    model: r.model,
    assigneeId: r.assignee_id,
    assigneeRole: r.assignee_role,
    stage: r.stage,
    visits: r.visits,
    testDrives: r.test_drives,
    lastQuotedPriceFen: r.last_quoted_price_fen,
    nextAction: r.next_action === null ? null : { action: r.next_action, dueOn: r.next_action_due },
    capturedAt: r.captured_at,
    lastActivityAt: r.last_activity_at,
  }));
};
