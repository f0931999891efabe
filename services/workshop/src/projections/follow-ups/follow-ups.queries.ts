import type pg from 'pg';
import { FOLLOW_UPS_TABLE, type FollowUpRow, type FollowUpStatus } from './follow-ups.projection.js';

export interface FollowUpWork {
  readonly repairOrderId: string;
  readonly vin: string;
  readonly customerId: string;
  readonly brand: string;
  readonly roType: string;
  readonly serviceAdvisorId: string;
  readonly releasedOn: string;
  readonly call: 'first' | 'second';
  readonly status: FollowUpStatus;
  readonly dueOn: string;
  readonly lastDayOn: string | null;
  readonly lastClerkId: string | null;
  readonly lastSatisfaction: number | null;
  readonly issueOpen: boolean;
  readonly issues: readonly string[];
  readonly escalated: boolean;
}

type Db = Pick<pg.Pool, 'query'>;

/** What is on the clerks' list: calls due or overdue, and calls whose issue is still open. */
const ON_LIST = `(t.status IN ('due', 'overdue') OR t.issue_open)`;

/**
 * A store's follow-up work: overdue calls first, then open issues (escalated first), then due calls by due
 * date. `clerkId` keeps the follow-ups that clerk called last (the events assign no clerk before the first
 * call); `serviceAdvisorId` those of one SA's repair orders.
 */
export const listFollowUpWork = async (
  db: Db,
  filter: { storeId: string; clerkId?: string; serviceAdvisorId?: string; readSchema?: string },
): Promise<FollowUpWork[]> => {
  const { rows } = await db.query<{ row: FollowUpRow }>(
    `SELECT to_jsonb(t) AS row FROM ${filter.readSchema ?? 'read'}.${FOLLOW_UPS_TABLE} t
      WHERE t.store_id = $1 AND ${ON_LIST} AND ($2::text IS NULL OR t.last_clerk_id = $2) AND ($3::text IS NULL OR t.service_advisor_id = $3)
      ORDER BY (t.status = 'overdue') DESC, t.issue_open DESC, t.escalated DESC, t.due_on, t.repair_order_id`,
    [filter.storeId, filter.clerkId ?? null, filter.serviceAdvisorId ?? null],
  );
  return rows.map(({ row: r }) => ({
    repairOrderId: r.repair_order_id,
    vin: r.vin,
    customerId: r.customer_id,
    brand: r.brand,
    roType: r.ro_type,
    serviceAdvisorId: r.service_advisor_id,
    releasedOn: r.released_on,
    call: r.call,
    status: r.status,
    dueOn: r.due_on,
    lastDayOn: r.last_day_on,
    lastClerkId: r.last_clerk_id,
    lastSatisfaction: r.last_satisfaction,
    issueOpen: r.issue_open,
    issues: r.issues,
    escalated: r.escalated,
  }));
};

export interface ClerkWorkload {
  /** null: follow-ups no clerk has called yet (the shared queue). */
  readonly clerkId: string | null;
  readonly due: number;
  readonly overdue: number;
  readonly openIssues: number;
}

/** Due, overdue and open-issue follow-ups per clerk (by the clerk who called last), for the supervisor. */
export const followUpWorkloadByClerk = async (db: Db, filter: { storeId: string; readSchema?: string }): Promise<ClerkWorkload[]> => {
  const { rows } = await db.query<{ clerk_id: string | null; due: string; overdue: string; open_issues: string }>(
    `SELECT t.last_clerk_id AS clerk_id, count(*) FILTER (WHERE t.status = 'due') AS due, count(*) FILTER (WHERE t.status = 'overdue') AS overdue,
            count(*) FILTER (WHERE t.issue_open) AS open_issues
       FROM ${filter.readSchema ?? 'read'}.${FOLLOW_UPS_TABLE} t
      WHERE t.store_id = $1 AND ${ON_LIST}
      GROUP BY t.last_clerk_id ORDER BY t.last_clerk_id NULLS FIRST`,
    [filter.storeId],
  );
  return rows.map((r) => ({ clerkId: r.clerk_id, due: Number(r.due), overdue: Number(r.overdue), openIssues: Number(r.open_issues) }));
};
