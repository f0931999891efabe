import { decodeRecorded, type EventContract, insurance as i } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { type PgProjection } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { entityKey } from '../facts/fact-table.js';
import { helperTable } from '../facts/helper-table.js';

export const RENEWALS_DUE_PROJECTION = 'insurance_renewals_due';
export const RENEWALS_DUE_TABLE = 'insurance_renewals_due';

/** One open renewal opportunity (续保): the "renewals due" work list of renewal staff and SAs. */
export interface RenewalDueRow {
  store_id: string;
  policy_id: string;
  term: number;
  vin: string;
  brand: string;
  customer_id: string;
  insurer: string;
  expires_on: string;
  expiring_premium_fen: number;
  opened_on: string;
  assignee_id: string | null;
  assignee_role: string | null;
  calls: number;
  last_outcome: string | null;
  last_call_at: string | null;
  next_call_on: string | null;
}

const rows = helperTable<RenewalDueRow>(RENEWALS_DUE_TABLE, 'policy_id', {
  policy_id: 'text NOT NULL',
  term: 'int NOT NULL',
  vin: 'text NOT NULL',
  brand: 'text NOT NULL',
  customer_id: 'text NOT NULL',
  insurer: 'text NOT NULL',
  expires_on: 'date NOT NULL',
  expiring_premium_fen: 'bigint NOT NULL',
  opened_on: 'date NOT NULL',
  assignee_id: 'text',
  assignee_role: 'text',
  calls: 'int NOT NULL',
  last_outcome: 'text',
  last_call_at: 'timestamptz',
  next_call_on: 'date',
});

const EVENTS = [i.RenewalOpportunityOpened, i.RenewalAssigned, i.RenewalCallLogged, i.PolicyRenewed, i.RenewalLost];
const read = <C extends EventContract>(contract: C, e: RecordedEvent) => decodeRecorded(contract, e).data;

/** The row after one event: the row to keep, null to drop it, undefined when the event changes nothing. */
const apply = (e: RecordedEvent, row: RenewalDueRow | undefined): RenewalDueRow | null | undefined => {
  switch (e.type) {
    case 'RenewalOpportunityOpened': {
      const d = read(i.RenewalOpportunityOpened, e);
      return {
        store_id: e.metadata.storeId,
        policy_id: d.policyId,
        term: d.term,
        vin: d.vin,
        brand: d.brand,
        customer_id: d.customerId,
        insurer: d.insurer,
        expires_on: d.expiresOn,
        expiring_premium_fen: d.expiringPremium.amount,
        opened_on: d.openedOn,
        assignee_id: null,
        assignee_role: null,
        calls: 0,
        last_outcome: null,
        last_call_at: null,
        next_call_on: null,
      };
    }
    case 'RenewalAssigned': {
      const d = read(i.RenewalAssigned, e);
      return row && { ...row, assignee_id: d.assigneeId, assignee_role: d.assigneeRole };
    }
    case 'RenewalCallLogged': {
      const d = read(i.RenewalCallLogged, e);
      return row && { ...row, calls: row.calls + 1, last_outcome: d.outcome, last_call_at: d.calledAt, next_call_on: d.nextCallOn ?? null };
    }
    case 'PolicyRenewed':
    case 'RenewalLost':
      return row ? null : undefined;
    default:
      return undefined;
  }
};

/** Open renewal opportunities, one row per (store, policy); a renewal or a loss takes the row off the list. */
export const renewalsDueProjection = (): PgProjection => ({
  name: RENEWALS_DUE_PROJECTION,
  version: 1,
  eventTypes: EVENTS.map((c) => c.type),
  async setup({ client }) {
    await client.query(rows.ddl);
    await client.query(`CREATE INDEX IF NOT EXISTS ${RENEWALS_DUE_TABLE}_expires ON ${RENEWALS_DUE_TABLE} (store_id, expires_on)`);
  },
  async apply(events, { client }) {
    const keys = new Map<string, [string, string]>();
    for (const e of events) {
      const policyId = (e.data as { policyId?: unknown }).policyId;
      if (typeof policyId === 'string') keys.set(entityKey(e.metadata.storeId, policyId), [e.metadata.storeId, policyId]);
    }
    const current = await rows.load(client, [...keys.values()]);
    const changed = new Map<string, RenewalDueRow | null>();
    for (const e of events) {
      const key = entityKey(e.metadata.storeId, (e.data as { policyId: string }).policyId);
      const before = changed.has(key) ? (changed.get(key) ?? undefined) : current.get(key);
      const after = apply(e, before);
      if (after !== undefined) changed.set(key, after);
    }
    const dropped = [...changed].filter(([key, row]) => row === null && current.has(key)).map(([key]) => current.get(key)!);
    await rows.remove(client, dropped);
    await rows.save(
      client,
      [...changed.values()].filter((row): row is RenewalDueRow => row !== null),
    );
  },
});

export interface RenewalsDueQuery {
  readonly storeIds: readonly string[];
  /** Opportunities whose cover ends on or before this date. */
  readonly expiresBy: string;
  readonly assigneeId?: string;
  readonly limit: number;
  readonly offset: number;
}

/** The renewals-due work list, soonest expiry first, from the projection's read view. */
export const listRenewalsDue = async (db: Pick<pg.Pool, 'query'>, readSchema: string, q: RenewalsDueQuery): Promise<RenewalDueRow[]> => {
  const result = await db.query<RenewalDueRow>(
    `SELECT store_id, policy_id, term, vin, brand, customer_id, insurer, expires_on::text AS expires_on, expiring_premium_fen::float8 AS expiring_premium_fen,
            opened_on::text AS opened_on, assignee_id, assignee_role, calls, last_outcome, to_char(last_call_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_call_at,
            next_call_on::text AS next_call_on
       FROM ${readSchema}.${RENEWALS_DUE_TABLE}
      WHERE store_id = ANY($1::text[]) AND expires_on <= $2::date AND ($3::text IS NULL OR assignee_id = $3)
      ORDER BY expires_on, store_id, policy_id
      LIMIT $4 OFFSET $5`,
    [q.storeIds, q.expiresBy, q.assigneeId ?? null, q.limit, q.offset],
  );
  return result.rows;
};
