import { decodeRecorded, sales } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { keyedRows, type PgProjection, rowKey } from '@rooftop/projections-postgres';

export const ORDERS_IN_PROGRESS_TABLE = 'sales_orders_in_progress';

/**
 * An order between the first discount talk and delivery. `negotiating` = discount talks before a contract;
 * cancelled and delivered orders leave the list.
 */
export interface OrderInProgressRow {
  store_id: string;
  order_id: string;
  lead_id: string;
  status: 'negotiating' | 'signed';
  consultant_id: string;
  /** Employee credited: the online specialist for online orders (网络订单), else the consultant. */
  credited_to: string;
  online: boolean;
  customer_id: string | null;
  customer_name: string | null;
  customer_phone: string | null;
  brand: string;
  model: string;
  vin: string | null;
  price_fen: number | null;
  deposit_fen: number | null;
  financing: string | null;
  pending_discount_request_id: string | null;
  pending_discount_fen: number | null;
  settled: boolean;
  amount_received_fen: number | null;
  expected_delivery_date: string | null;
  signed_at: string | null;
  last_activity_at: string;
}

const COLUMNS = [
  'store_id',
  'order_id',
  'lead_id',
  'status',
  'consultant_id',
  'credited_to',
  'online',
  'customer_id',
  'customer_name',
  'customer_phone',
  'brand',
  'model',
  'vin',
  'price_fen',
  'deposit_fen',
  'financing',
  'pending_discount_request_id',
  'pending_discount_fen',
  'settled',
  'amount_received_fen',
  'expected_delivery_date',
  'signed_at',
  'last_activity_at',
] as const satisfies readonly (keyof OrderInProgressRow)[];

const rows = keyedRows<OrderInProgressRow>(ORDERS_IN_PROGRESS_TABLE, 'order_id', COLUMNS);

const EVENT_TYPES = [
  sales.DiscountRequested,
  sales.DiscountApproved,
  sales.DiscountRejected,
  sales.OrderSigned,
  sales.OrderCancelled,
  sales.OrderSettled,
  sales.VehicleDelivered,
].map((c) => c.type);

const clearPending = (row: OrderInProgressRow, requestId: string): void => {
  if (row.pending_discount_request_id !== requestId) return;
  row.pending_discount_request_id = null;
  row.pending_discount_fen = null;
};

/** Applies one event; returns true when the order left the list. */
const applyEvent = (event: RecordedEvent, orders: Map<string, OrderInProgressRow>): boolean => {
  const storeId = event.metadata.storeId;
  const at = event.metadata.occurredAt;
  const order = (orderId: string) => orders.get(rowKey(storeId, orderId));
  const touch = (row: OrderInProgressRow | undefined, change: (row: OrderInProgressRow) => void) => {
    if (!row) return;
    change(row);
    row.last_activity_at = at;
  };
  switch (event.type) {
    case 'DiscountRequested': {
      const d = decodeRecorded(sales.DiscountRequested, event).data;
      const row = order(d.orderId) ?? {
        store_id: storeId,
        order_id: d.orderId,
        lead_id: d.leadId,
        status: 'negotiating',
        consultant_id: d.consultantId,
        credited_to: d.consultantId,
        online: false,
        customer_id: null,
        customer_name: null,
        customer_phone: null,
        brand: d.brand,
        model: d.model,
        vin: null,
        price_fen: d.requestedPrice.amount,
        deposit_fen: null,
        financing: null,
        pending_discount_request_id: null,
        pending_discount_fen: null,
        settled: false,
        amount_received_fen: null,
        expected_delivery_date: null,
        signed_at: null,
        last_activity_at: at,
      };
      orders.set(rowKey(storeId, d.orderId), row);
      touch(row, (r) => Object.assign(r, { pending_discount_request_id: d.requestId, pending_discount_fen: d.discount.amount }));
      return false;
    }
    case 'DiscountApproved': {
      const d = decodeRecorded(sales.DiscountApproved, event).data;
      touch(order(d.orderId), (r) => clearPending(r, d.requestId));
      return false;
    }
    case 'DiscountRejected': {
      const d = decodeRecorded(sales.DiscountRejected, event).data;
      touch(order(d.orderId), (r) => clearPending(r, d.requestId));
      return false;
    }
    case 'OrderSigned': {
      const d = decodeRecorded(sales.OrderSigned, event).data;
      const existing = order(d.orderId);
      orders.set(rowKey(storeId, d.orderId), {
        store_id: storeId,
        order_id: d.orderId,
        lead_id: d.leadId,
        status: 'signed',
        consultant_id: d.consultantId,
        credited_to: d.online ? (d.onlineSpecialistId ?? d.consultantId) : d.consultantId,
        online: d.online,
        customer_id: d.customerId,
        customer_name: d.customerName,
        customer_phone: d.customerPhone,
        brand: d.brand,
        model: d.model,
        vin: d.vin ?? null,
        price_fen: d.price.amount,
        deposit_fen: d.deposit.amount,
        financing: d.financing.type,
        pending_discount_request_id: existing?.pending_discount_request_id ?? null,
        pending_discount_fen: existing?.pending_discount_fen ?? null,
        settled: false,
        amount_received_fen: null,
        expected_delivery_date: d.expectedDeliveryDate ?? null,
        signed_at: at,
        last_activity_at: at,
      });
      return false;
    }
    case 'OrderSettled': {
      const d = decodeRecorded(sales.OrderSettled, event).data;
      touch(order(d.orderId), (r) => Object.assign(r, { settled: true, amount_received_fen: d.amountReceived.amount }));
      return false;
    }
    case 'OrderCancelled':
    case 'VehicleDelivered': {
      const d = event.type === 'OrderCancelled' ? decodeRecorded(sales.OrderCancelled, event).data : decodeRecorded(sales.VehicleDelivered, event).data;
      return orders.delete(rowKey(storeId, d.orderId));
    }
  }
  return false;
};

/** Orders in progress (signed, awaiting a discount decision, settlement or delivery), per store and consultant. */
export const ordersInProgressProjection = (): PgProjection => ({
  name: ORDERS_IN_PROGRESS_TABLE,
  version: 1,
  eventTypes: EVENT_TYPES,
  async setup({ client }) {
    await client.query(`CREATE TABLE IF NOT EXISTS ${ORDERS_IN_PROGRESS_TABLE} (
      store_id text NOT NULL, order_id text NOT NULL, lead_id text NOT NULL, status text NOT NULL, consultant_id text NOT NULL, credited_to text NOT NULL,
      online boolean NOT NULL, customer_id text, customer_name text, customer_phone text, brand text NOT NULL, model text NOT NULL, vin text,
      price_fen bigint, deposit_fen bigint, financing text, pending_discount_request_id text, pending_discount_fen bigint, settled boolean NOT NULL,
      amount_received_fen bigint, expected_delivery_date date, signed_at timestamptz, last_activity_at timestamptz NOT NULL,
      PRIMARY KEY (store_id, order_id))`);
    await client.query(`CREATE INDEX IF NOT EXISTS ${ORDERS_IN_PROGRESS_TABLE}_credited ON ${ORDERS_IN_PROGRESS_TABLE} (store_id, credited_to)`);
  },
  async apply(events, { client }) {
    const keys = new Map<string, [string, string]>();
    for (const event of events) {
      const orderId = (event.data as { orderId?: unknown }).orderId;
      if (typeof orderId === 'string') keys.set(rowKey(event.metadata.storeId, orderId), [event.metadata.storeId, orderId]);
    }
    const orders = new Map((await rows.load(client, [...keys.values()])).map((r) => [rowKey(r.store_id, r.order_id), r]));
    const removed = new Map<string, OrderInProgressRow>();
    for (const event of events) {
      const before = orders.get(rowKey(event.metadata.storeId, String((event.data as { orderId?: unknown }).orderId)));
      if (applyEvent(event, orders) && before) removed.set(rowKey(before.store_id, before.order_id), before);
    }
    await rows.remove(
      client,
      [...removed.values()].filter((r) => !orders.has(rowKey(r.store_id, r.order_id))),
    );
    await rows.save(client, [...orders.values()]);
  },
});
