import { type CommandUnion, type EventUnion, type parts as p } from '@rooftop/contracts';

export type PartEvent = EventUnion<typeof p.partStreamEvents>;

export type PartCommand = CommandUnion<typeof p.partStreamCommands>;

/** What is still out on a repair order: units, and their cost and retail value, for returns at issue value. */
export interface IssuedToRepairOrder {
  readonly quantity: number;
  readonly cost: number;
  readonly amount: number;
}

export interface RegisteredPart {
  readonly status: 'registered';
  readonly partNumber: string;
  readonly name: string;
  readonly kind: p.PartKind;
  readonly brand: string;
  /** Standard cost and retail price per unit, fen. */
  readonly cost: number;
  readonly price: number;
  readonly reorderPoint: number;
  /** Units per bin; the store's stock is their sum. */
  readonly bins: Readonly<Record<string, number>>;
  readonly onHand: number;
  /** Stock value at moving-average cost, fen; 0 exactly when onHand is 0. */
  readonly value: number;
  readonly receivedByPurchaseOrder: Readonly<Record<string, number>>;
  readonly issuedToRepairOrders: Readonly<Record<string, IssuedToRepairOrder>>;
  readonly transfersShipped: readonly string[];
  readonly transfersReceived: readonly string[];
}

export type Part = { readonly status: 'none' } | RegisteredPart;

export const initialPart = (): Part => ({ status: 'none' });
