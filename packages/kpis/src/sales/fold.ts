import { decodeRecorded, type EventContract, sales } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { businessDateOf, daysBetween } from '../facts/business-date.js';
import { FactDeltas, entityKey } from '../facts/fact-table.js';
import { type SalesFactColumn } from './facts.js';

// The pure heart of the sales fact projection: given the helper state of the leads and orders a batch touches,
// fold the batch in log order into helper-state changes and fact deltas. The projection loads and saves; this
// file decides, so every counting rule is unit-testable without a database.

/** What the facts need to remember about a lead between its events. */
export interface LeadFacts {
  readonly storeId: string;
  readonly leadId: string;
  /** null when the lead was captured before this read model saw events (HQ joining late). */
  capturedOn: string | null;
  brand: string;
  model: string;
  channel: string;
  /** Employee credited with the lead: the receiving consultant, then whoever it was last assigned to. */
  consultantId: string;
  visited: boolean;
}

/** What the facts need to remember about an order between its events. */
export interface OrderFacts {
  readonly storeId: string;
  readonly orderId: string;
  signedOn: string;
  brand: string;
  model: string;
  channel: string;
  /** Online orders are credited to the online specialist (网络订单), everything else to the consultant. */
  creditedTo: string;
  online: boolean;
  costFen: number;
  /** Days lead → order, when the lead's capture date is known. */
  leadDays: number | null;
  status: 'signed' | 'cancelled' | 'delivered';
}

export interface FactKey {
  readonly storeId: string;
  readonly businessDate: string;
  readonly brand: string;
  readonly model: string;
  readonly channel: string;
  readonly consultantId: string;
}

export type FactDelta = FactKey & { values: Partial<Record<SalesFactColumn, number>> };

export interface SalesFactState {
  readonly leads: Map<string, LeadFacts>;
  readonly orders: Map<string, OrderFacts>;
}

export interface FoldResult {
  /** Helper rows changed by the batch (to upsert). */
  readonly leads: LeadFacts[];
  readonly orders: OrderFacts[];
  /** Non-zero fact deltas, one per fact row. */
  readonly deltas: FactDelta[];
}

export { entityKey };

/** The lead and order ids a batch refers to, so the projection loads exactly that helper state. */
export const referencedIds = (events: readonly RecordedEvent[]): { leads: [string, string][]; orders: [string, string][] } => {
  const leads = new Map<string, [string, string]>();
  const orders = new Map<string, [string, string]>();
  for (const event of events) {
    const data = event.data as { leadId?: unknown; orderId?: unknown } | null;
    const storeId = event.metadata.storeId;
    if (typeof data?.leadId === 'string') leads.set(entityKey(storeId, data.leadId), [storeId, data.leadId]);
    if (typeof data?.orderId === 'string') orders.set(entityKey(storeId, data.orderId), [storeId, data.orderId]);
  }
  return { leads: [...leads.values()], orders: [...orders.values()] };
};

const contracts = new Map<string, EventContract>(
  [
    sales.LeadCaptured,
    sales.LeadAssigned,
    sales.ShowroomVisitRecorded,
    sales.TestDriveCompleted,
    sales.OrderSigned,
    sales.OrderCancelled,
    sales.VehicleDelivered,
  ].map((c) => [c.type, c as EventContract]),
);

/** The event types the fold counts. */
export const SALES_FACT_EVENT_TYPES = [...contracts.keys()];

/** The shared per-row accumulator, keyed and read back in the sales table's dimension order. */
class Deltas {
  private readonly facts = new FactDeltas<SalesFactColumn>();

  add(key: FactKey, column: SalesFactColumn, amount: number): void {
    this.facts.add(key.storeId, key.businessDate, [key.brand, key.model, key.channel, key.consultantId], column, amount);
  }

  list(): FactDelta[] {
    return this.facts.list().map(({ storeId, businessDate, dims: [brand = '', model = '', channel = '', consultantId = ''], values }) => ({
      storeId,
      businessDate,
      brand,
      model,
      channel,
      consultantId,
      values: { ...values },
    }));
  }
}

const leadRow = (lead: LeadFacts): FactKey | undefined =>
  lead.capturedOn === null
    ? undefined
    : { storeId: lead.storeId, businessDate: lead.capturedOn, brand: lead.brand, model: lead.model, channel: lead.channel, consultantId: lead.consultantId };

const orderRow = (order: OrderFacts, businessDate: string): FactKey => ({
  storeId: order.storeId,
  businessDate,
  brand: order.brand,
  model: order.model,
  channel: order.channel,
  consultantId: order.creditedTo,
});

/**
 * Folds a batch (log order) into helper changes and fact deltas. Mutates `state` (the loaded helper rows) so
 * later events of the same batch see earlier ones. Events of one store must arrive in that store's log order.
 */
export const foldSalesFacts = (events: readonly RecordedEvent[], state: SalesFactState, zoneOf: (storeId: string) => string): FoldResult => {
  const deltas = new Deltas();
  const touchedLeads = new Set<string>();
  const touchedOrders = new Set<string>();
  for (const event of events) {
    const contract = contracts.get(event.type);
    if (!contract) continue;
    const storeId = event.metadata.storeId;
    const day = businessDateOf(event.metadata.occurredAt, zoneOf(storeId));
    const lead = (leadId: string): LeadFacts | undefined => state.leads.get(entityKey(storeId, leadId));
    const touchLead = (l: LeadFacts) => touchedLeads.add(entityKey(l.storeId, l.leadId));
    const touchOrder = (o: OrderFacts) => touchedOrders.add(entityKey(o.storeId, o.orderId));

    switch (event.type) {
      case 'LeadCaptured': {
        const d = decodeRecorded(sales.LeadCaptured, event).data;
        if (lead(d.leadId)) break; // a lead is captured once; a replayed capture must not count twice
        const l: LeadFacts = {
          storeId,
          leadId: d.leadId,
          capturedOn: day,
          brand: d.brand,
          model: d.model ?? '',
          channel: d.channel,
          consultantId: d.consultantId ?? '',
          visited: false,
        };
        state.leads.set(entityKey(storeId, d.leadId), l);
        touchLead(l);
        deltas.add(leadRow(l)!, 'leads', 1);
        break;
      }
      case 'LeadAssigned': {
        const d = decodeRecorded(sales.LeadAssigned, event).data;
        const l = lead(d.leadId);
        if (!l || l.consultantId === d.assigneeId) break;
        // The lead's facts follow its assignee: take them off the old row, put them on the new one.
        const from = leadRow(l);
        l.consultantId = d.assigneeId;
        const to = leadRow(l);
        if (from && to) {
          deltas.add(from, 'leads', -1);
          deltas.add(to, 'leads', 1);
          if (l.visited) {
            deltas.add(from, 'leads_visited', -1);
            deltas.add(to, 'leads_visited', 1);
          }
        }
        touchLead(l);
        break;
      }
      case 'ShowroomVisitRecorded': {
        const d = decodeRecorded(sales.ShowroomVisitRecorded, event).data;
        const l = lead(d.leadId);
        if (d.visitKind === 'first') {
          deltas.add(
            { storeId, businessDate: day, brand: l?.brand ?? '', model: l?.model ?? '', channel: l?.channel ?? '', consultantId: d.consultantId },
            'first_visits',
            1,
          );
        }
        if (l && !l.visited) {
          l.visited = true;
          touchLead(l);
          const row = leadRow(l);
          if (row) deltas.add(row, 'leads_visited', 1);
        }
        break;
      }
      case 'TestDriveCompleted': {
        const d = decodeRecorded(sales.TestDriveCompleted, event).data;
        deltas.add(
          { storeId, businessDate: day, brand: d.brand, model: d.model, channel: lead(d.leadId)?.channel ?? '', consultantId: d.consultantId },
          'test_drives',
          1,
        );
        break;
      }
      case 'OrderSigned': {
        const d = decodeRecorded(sales.OrderSigned, event).data;
        if (state.orders.has(entityKey(storeId, d.orderId))) break;
        const l = lead(d.leadId);
        const o: OrderFacts = {
          storeId,
          orderId: d.orderId,
          signedOn: day,
          brand: d.brand,
          model: d.model,
          channel: l?.channel ?? '',
          creditedTo: d.online ? (d.onlineSpecialistId ?? d.consultantId) : d.consultantId,
          online: d.online,
          costFen: d.cost.amount,
          leadDays: l?.capturedOn ? daysBetween(l.capturedOn, day) : null,
          status: 'signed',
        };
        state.orders.set(entityKey(storeId, d.orderId), o);
        touchOrder(o);
        addOrder(deltas, o, 1);
        break;
      }
      case 'OrderCancelled': {
        const d = decodeRecorded(sales.OrderCancelled, event).data;
        const o = state.orders.get(entityKey(storeId, d.orderId));
        if (!o || o.status !== 'signed') break;
        o.status = 'cancelled';
        touchOrder(o);
        addOrder(deltas, o, -1);
        deltas.add(orderRow(o, day), 'orders_cancelled', 1);
        break;
      }
      case 'VehicleDelivered': {
        const d = decodeRecorded(sales.VehicleDelivered, event).data;
        const o = state.orders.get(entityKey(storeId, d.orderId));
        if (o?.status === 'delivered') break;
        const row: FactKey = o
          ? orderRow(o, day)
          : {
              storeId,
              businessDate: day,
              brand: d.brand,
              model: d.model,
              channel: lead(d.leadId)?.channel ?? '',
              consultantId: d.online ? (d.onlineSpecialistId ?? d.consultantId) : d.consultantId,
            };
        deltas.add(row, 'deliveries', 1);
        deltas.add(row, 'revenue_fen', d.price.amount);
        if (o) {
          deltas.add(row, 'gross_profit_fen', d.price.amount - o.costFen);
          deltas.add(row, 'deliveries_costed', 1);
          o.status = 'delivered';
          touchOrder(o);
        }
        break;
      }
    }
  }
  return {
    leads: [...touchedLeads].map((k) => state.leads.get(k)!),
    orders: [...touchedOrders].map((k) => state.orders.get(k)!),
    deltas: deltas.list(),
  };
};

/** Signing adds, cancelling (sign = -1) takes back, on the signing date's row. */
const addOrder = (deltas: Deltas, o: OrderFacts, sign: 1 | -1): void => {
  const row = orderRow(o, o.signedOn);
  deltas.add(row, 'orders', sign);
  if (o.online) deltas.add(row, 'online_orders', sign);
  if (o.leadDays !== null) {
    deltas.add(row, 'lead_to_order_days', sign * o.leadDays);
    deltas.add(row, 'lead_to_order_orders', sign);
  }
};
