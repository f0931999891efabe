import { decodeRecorded, sales } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { keyedRows, type PgProjection, rowKey } from '@rooftop/projections-postgres';

export const OPEN_LEADS_TABLE = 'sales_open_leads';

/** How far a lead has come; only moves forward. */
export const LEAD_STAGES = ['captured', 'contacted', 'visited', 'test_driven', 'quoted'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

/** One lead being worked. `ordered` leads wait for delivery (a cancelled order reopens them); lost and delivered leads leave the list. */
export interface OpenLeadRow {
  store_id: string;
  lead_id: string;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  channel: string;
  brand: string;
  model: string | null;
  assignee_id: string | null;
  assignee_role: string | null;
  stage: LeadStage;
  status: 'open' | 'ordered';
  order_id: string | null;
  visits: number;
  test_drives: number;
  last_quoted_price_fen: number | null;
  next_action: string | null;
  next_action_due: string | null;
  captured_at: string;
  last_activity_at: string;
}

const COLUMNS = [
  'store_id',
  'lead_id',
  'customer_id',
  'customer_name',
  'customer_phone',
  'channel',
  'brand',
  'model',
  'assignee_id',
  'assignee_role',
  'stage',
  'status',
  'order_id',
  'visits',
  'test_drives',
  'last_quoted_price_fen',
  'next_action',
  'next_action_due',
  'captured_at',
  'last_activity_at',
] as const satisfies readonly (keyof OpenLeadRow)[];

const rows = keyedRows<OpenLeadRow>(OPEN_LEADS_TABLE, 'lead_id', COLUMNS);

const EVENT_TYPES = [
  sales.LeadCaptured,
  sales.LeadAssigned,
  sales.LeadContacted,
  sales.ShowroomVisitRecorded,
  sales.TestDriveCompleted,
  sales.QuotationIssued,
  sales.LeadLost,
  sales.OwnershipTransferred,
  sales.OrderSigned,
  sales.OrderCancelled,
  sales.VehicleDelivered,
].map((c) => c.type);

const advance = (row: OpenLeadRow, stage: LeadStage): void => {
  if (LEAD_STAGES.indexOf(stage) > LEAD_STAGES.indexOf(row.stage)) row.stage = stage;
};

/** Applies one event to the loaded rows; returns the row it removed, if any. */
const applyEvent = (event: RecordedEvent, leads: Map<string, OpenLeadRow>, byOrder: Map<string, OpenLeadRow>): OpenLeadRow | undefined => {
  const storeId = event.metadata.storeId;
  const at = event.metadata.occurredAt;
  const lead = (leadId: string) => leads.get(rowKey(storeId, leadId));
  const touch = (row: OpenLeadRow | undefined, change: (row: OpenLeadRow) => void) => {
    if (!row) return;
    change(row);
    row.last_activity_at = at;
  };
  switch (event.type) {
    case 'LeadCaptured': {
      const d = decodeRecorded(sales.LeadCaptured, event).data;
      if (lead(d.leadId)) return undefined;
      leads.set(rowKey(storeId, d.leadId), {
        store_id: storeId,
        lead_id: d.leadId,
        customer_id: d.customerId,
        customer_name: d.customerName,
        customer_phone: d.customerPhone,
        channel: d.channel,
        brand: d.brand,
        model: d.model ?? null,
        assignee_id: d.consultantId ?? null,
        assignee_role: d.consultantId ? 'consultant' : null,
        stage: 'captured',
        status: 'open',
        order_id: null,
        visits: 0,
        test_drives: 0,
        last_quoted_price_fen: null,
        next_action: null,
        next_action_due: null,
        captured_at: at,
        last_activity_at: at,
      });
      return undefined;
    }
    case 'LeadAssigned': {
      const d = decodeRecorded(sales.LeadAssigned, event).data;
      touch(lead(d.leadId), (r) => Object.assign(r, { assignee_id: d.assigneeId, assignee_role: d.assigneeRole }));
      return undefined;
    }
    case 'LeadContacted': {
      const d = decodeRecorded(sales.LeadContacted, event).data;
      // The latest contact sets the next step; a contact without one means nothing is planned.
      touch(lead(d.leadId), (r) => {
        advance(r, 'contacted');
        r.next_action = d.nextAction?.action ?? null;
        r.next_action_due = d.nextAction?.dueOn ?? null;
      });
      return undefined;
    }
    case 'ShowroomVisitRecorded': {
      const d = decodeRecorded(sales.ShowroomVisitRecorded, event).data;
      touch(lead(d.leadId), (r) => {
        advance(r, 'visited');
        r.visits += 1;
      });
      return undefined;
    }
    case 'TestDriveCompleted': {
      const d = decodeRecorded(sales.TestDriveCompleted, event).data;
      touch(lead(d.leadId), (r) => {
        advance(r, 'test_driven');
        r.test_drives += 1;
      });
      return undefined;
    }
    case 'QuotationIssued': {
      const d = decodeRecorded(sales.QuotationIssued, event).data;
      touch(lead(d.leadId), (r) => {
        advance(r, 'quoted');
        r.last_quoted_price_fen = d.quotedPrice.amount;
      });
      return undefined;
    }
    case 'OwnershipTransferred': {
      const d = decodeRecorded(sales.OwnershipTransferred, event).data;
      if (d.leadId)
        touch(lead(d.leadId), (r) => Object.assign(r, { assignee_id: d.toOwnerId, assignee_role: d.rule === 'key_account' ? 'key_account' : 'consultant' }));
      return undefined;
    }
    case 'OrderSigned': {
      const d = decodeRecorded(sales.OrderSigned, event).data;
      const row = lead(d.leadId);
      touch(row, (r) => Object.assign(r, { status: 'ordered', order_id: d.orderId }));
      if (row) byOrder.set(rowKey(storeId, d.orderId), row);
      return undefined;
    }
    case 'OrderCancelled': {
      const d = decodeRecorded(sales.OrderCancelled, event).data;
      const row = byOrder.get(rowKey(storeId, d.orderId));
      byOrder.delete(rowKey(storeId, d.orderId));
      touch(row, (r) => Object.assign(r, { status: 'open', order_id: null }));
      return undefined;
    }
    case 'LeadLost':
    case 'VehicleDelivered': {
      const d = event.type === 'LeadLost' ? decodeRecorded(sales.LeadLost, event).data : decodeRecorded(sales.VehicleDelivered, event).data;
      const row = lead(d.leadId);
      if (row) leads.delete(rowKey(storeId, d.leadId));
      return row;
    }
  }
  return undefined;
};

/**
 * Open leads per assignee with their next action (跟进): what a consultant works through each day. Loads the
 * rows a batch touches, applies the batch in log order in memory, writes them back in two statements.
 */
export const openLeadsProjection = (): PgProjection => ({
  name: OPEN_LEADS_TABLE,
  version: 1,
  eventTypes: EVENT_TYPES,
  async setup({ client }) {
    await client.query(`CREATE TABLE IF NOT EXISTS ${OPEN_LEADS_TABLE} (
      store_id text NOT NULL, lead_id text NOT NULL, customer_id text NOT NULL, customer_name text NOT NULL, customer_phone text NOT NULL,
      channel text NOT NULL, brand text NOT NULL, model text, assignee_id text, assignee_role text, stage text NOT NULL, status text NOT NULL,
      order_id text, visits int NOT NULL, test_drives int NOT NULL, last_quoted_price_fen bigint, next_action text, next_action_due date,
      captured_at timestamptz NOT NULL, last_activity_at timestamptz NOT NULL, PRIMARY KEY (store_id, lead_id))`);
    await client.query(`CREATE INDEX IF NOT EXISTS ${OPEN_LEADS_TABLE}_assignee ON ${OPEN_LEADS_TABLE} (store_id, assignee_id, next_action_due)`);
    await client.query(`CREATE INDEX IF NOT EXISTS ${OPEN_LEADS_TABLE}_order ON ${OPEN_LEADS_TABLE} (store_id, order_id)`);
  },
  async apply(events, { client }) {
    const leadKeys = new Map<string, [string, string]>();
    const orderKeys = new Map<string, [string, string]>();
    for (const event of events) {
      const data = event.data as { leadId?: unknown; orderId?: unknown };
      const storeId = event.metadata.storeId;
      if (typeof data.leadId === 'string') leadKeys.set(rowKey(storeId, data.leadId), [storeId, data.leadId]);
      if (event.type === 'OrderCancelled' && typeof data.orderId === 'string') orderKeys.set(rowKey(storeId, data.orderId), [storeId, data.orderId]);
    }
    const loaded = [...(await rows.load(client, [...leadKeys.values()])), ...(await rows.load(client, [...orderKeys.values()], 'order_id'))];
    const leads = new Map(loaded.map((r) => [rowKey(r.store_id, r.lead_id), r]));
    const byOrder = new Map(loaded.filter((r) => r.order_id !== null).map((r) => [rowKey(r.store_id, r.order_id!), leads.get(rowKey(r.store_id, r.lead_id))!]));
    const removed = new Map<string, OpenLeadRow>();
    for (const event of events) {
      const gone = applyEvent(event, leads, byOrder);
      if (gone) removed.set(rowKey(gone.store_id, gone.lead_id), gone);
    }
    await rows.remove(
      client,
      [...removed.values()].filter((r) => !leads.has(rowKey(r.store_id, r.lead_id))),
    );
    await rows.save(client, [...leads.values()]);
  },
});
