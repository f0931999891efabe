import { decodeRecorded, type EventData, sales } from '@rooftop/contracts';
import { type PgProjection } from '@rooftop/projections-postgres';
import { SALES_TARGETS_PROJECTION } from './facts.js';

export const SALES_TARGETS_TABLE = 'sales_targets';

/** `store` targets have subject ''; team and consultant targets name the team or the consultant. */
const subjectOf = (scope: EventData<typeof sales.SalesTargetSet>['scope']): { level: string; subject: string } => {
  switch (scope.level) {
    case 'store':
      return { level: 'store', subject: '' };
    case 'team':
      return { level: 'team', subject: scope.teamId };
    case 'consultant':
      return { level: 'consultant', subject: scope.consultantId };
  }
};

/**
 * Monthly sales targets per (store, month, level, subject). A target is data, not a fact: a later
 * SalesTargetSet for the same month and subject replaces the earlier one (the log order decides).
 */
export const salesTargetsProjection = (): PgProjection => ({
  name: SALES_TARGETS_PROJECTION,
  version: 1,
  eventTypes: [sales.SalesTargetSet.type],
  async setup({ client }) {
    await client.query(`CREATE TABLE IF NOT EXISTS ${SALES_TARGETS_TABLE} (
      store_id text NOT NULL, month date NOT NULL, level text NOT NULL, subject_id text NOT NULL,
      units int NOT NULL, revenue_fen bigint, PRIMARY KEY (store_id, month, level, subject_id))`);
  },
  async apply(events, { client }) {
    // Last write per key within the batch wins, so one upsert never touches a row twice.
    const rows = new Map<string, { storeId: string; month: string; level: string; subject: string; units: number; revenueFen: number | null }>();
    for (const event of events) {
      const data = decodeRecorded(sales.SalesTargetSet, event).data;
      const { level, subject } = subjectOf(data.scope);
      const row = { storeId: event.metadata.storeId, month: `${data.month}-01`, level, subject, units: data.units, revenueFen: data.revenue?.amount ?? null };
      rows.set([row.storeId, row.month, level, subject].join('\u0000'), row);
    }
    if (rows.size === 0) return;
    await client.query(
      `INSERT INTO ${SALES_TARGETS_TABLE} (store_id, month, level, subject_id, units, revenue_fen)
       SELECT "storeId", month::date, level, subject, units, "revenueFen"
         FROM jsonb_to_recordset($1::jsonb) AS r("storeId" text, month text, level text, subject text, units int, "revenueFen" bigint)
       ON CONFLICT (store_id, month, level, subject_id) DO UPDATE SET units = EXCLUDED.units, revenue_fen = EXCLUDED.revenue_fen`,
      [JSON.stringify([...rows.values()])],
    );
  },
});
