import { decodeRecorded, type EventContract, parts as p } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { businessDateOf } from '../facts/business-date.js';
import { FactDeltas, type FactRowDelta, entityKey } from '../facts/fact-table.js';
import { type PartsFactColumn, SLOW_MOVING_DAYS } from './facts.js';

// The pure heart of the parts fact projection: given the stock rows of the parts a batch refers to, fold the
// batch in log order into row changes and fact deltas. The projection loads and saves; this file decides.

/** A row of `parts_kpi_stock`: one part in one store — the low-stock list and the slow-moving clock. */
export interface PartStockRow {
  readonly store_id: string;
  readonly part_number: string;
  name: string;
  part_kind: string;
  brand: string;
  reorder_point: number;
  on_hand: number;
  stock_value_fen: number;
  /** Business date of the last stock movement; null before the first. */
  last_movement_on: string | null;
}

export interface PartsFoldResult {
  readonly stock: PartStockRow[];
  /** Deltas of `parts_kpi_facts`: dims [part_kind, brand]. */
  readonly deltas: FactRowDelta<PartsFactColumn>[];
}

const contracts = new Map<string, EventContract>(p.partsEvents.map((c) => [c.type, c]));
export const PARTS_FACT_EVENT_TYPES: readonly string[] = p.partsEvents.map((c) => c.type).filter((t) => t !== 'PurchaseOrderPlaced');

/** `date` + `days` calendar days. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The (store, part number) keys a batch touches, for one load of their rows. */
export const referencedParts = (events: readonly RecordedEvent[]): [string, string][] => {
  const keys = new Map<string, [string, string]>();
  for (const e of events) {
    const partNumber = (e.data as { partNumber?: string }).partNumber;
    if (partNumber !== undefined && contracts.has(e.type)) keys.set(entityKey(e.metadata.storeId, partNumber), [e.metadata.storeId, partNumber]);
  }
  return [...keys.values()];
};

type Movement = { partNumber: string; kind: string; brand: string; onHand: number; stockValue: { amount: number } };

export const foldPartsFacts = (events: readonly RecordedEvent[], stock: Map<string, PartStockRow>, zoneOf: (storeId: string) => string): PartsFoldResult => {
  const deltas = new FactDeltas<PartsFactColumn>();
  const touched = new Set<string>();

  for (const e of events) {
    const contract = contracts.get(e.type);
    if (!contract || e.type === 'PurchaseOrderPlaced') continue;
    const storeId = e.metadata.storeId;
    const day = businessDateOf(e.metadata.occurredAt, zoneOf(storeId));
    const data = decodeRecorded(contract, e).data as Record<string, unknown> & { partNumber: string };
    const key = entityKey(storeId, data.partNumber);
    const add = (dims: readonly string[], column: PartsFactColumn, amount: number, on = day) => deltas.add(storeId, on, dims, column, amount);

    if (e.type === 'PartRegistered' || e.type === 'PartRepriced') {
      const d = data as unknown as { name?: string; kind?: string; brand?: string; reorderPoint: number };
      const row = stock.get(key) ?? {
        store_id: storeId,
        part_number: data.partNumber,
        name: '',
        part_kind: '',
        brand: '',
        reorder_point: 0,
        on_hand: 0,
        stock_value_fen: 0,
        last_movement_on: null,
      };
      // A part re-filed by a transfer keeps its stock; registration only sets the master fields.
      stock.set(key, {
        ...row,
        ...(d.name ? { name: d.name } : {}),
        ...(d.kind ? { part_kind: d.kind } : {}),
        ...(d.brand ? { brand: d.brand } : {}),
        reorder_point: d.reorderPoint,
      });
      touched.add(key);
      continue;
    }
    if (e.type === 'PartDemandUnmet') {
      const d = data as unknown as { kind?: string; brand?: string };
      add([d.kind ?? '', d.brand ?? ''], 'lines_demanded', 1);
      continue;
    }

    const m = data as unknown as Movement;
    const dims = [m.kind, m.brand];
    const valueBefore = stock.get(key)?.stock_value_fen ?? 0;
    const cost = (data as { cost?: { amount: number } }).cost?.amount ?? 0;
    const amount = (data as { amount?: { amount: number } }).amount?.amount ?? 0;
    const sale = (retail: number, sign: 1 | -1) => {
      add(dims, 'sales_fen', sign * retail);
      add(dims, 'cost_of_sales_fen', sign * cost);
      add(dims, 'gross_profit_fen', sign * (retail - cost));
    };
    switch (e.type) {
      case 'PartsReceived':
        add(dims, 'purchases_fen', cost);
        break;
      case 'PartsIssuedToRepairOrder':
      case 'PartsSoldOverCounter':
        sale(amount, 1);
        add(dims, 'lines_demanded', 1);
        add(dims, 'lines_filled', 1);
        break;
      case 'PartsReturnedFromRepairOrder':
        sale(amount, -1);
        break;
      case 'AccessorySold': {
        const net = (data as unknown as { net: { amount: number } }).net.amount;
        sale(net, 1);
        add(dims, 'accessory_sales_fen', net);
        add(dims, 'lines_demanded', 1);
        add(dims, 'lines_filled', 1);
        break;
      }
      default:
        break;
    }
    add(dims, 'stock_value_fen', m.stockValue.amount - valueBefore);

    // The slow-moving clock restarts on every movement.
    const row = stock.get(key) ?? {
      store_id: storeId,
      part_number: m.partNumber,
      name: '',
      part_kind: m.kind,
      brand: m.brand,
      reorder_point: 0,
      on_hand: 0,
      stock_value_fen: 0,
      last_movement_on: null,
    };
    if (row.last_movement_on !== null && row.stock_value_fen !== 0) {
      const slowFrom = addDays(row.last_movement_on, SLOW_MOVING_DAYS);
      add(dims, 'slow_moving_value_fen', -row.stock_value_fen, slowFrom <= day ? day : slowFrom);
    }
    add(dims, 'slow_moving_value_fen', m.stockValue.amount, addDays(day, SLOW_MOVING_DAYS));
    stock.set(key, { ...row, part_kind: m.kind, brand: m.brand, on_hand: m.onHand, stock_value_fen: m.stockValue.amount, last_movement_on: day });
    touched.add(key);
  }
  return { stock: [...touched].map((k) => stock.get(k)!), deltas: deltas.list() };
};
