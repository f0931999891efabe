import { type parts as p } from '@rooftop/contracts';
import { type CommandOf, type EventOf } from '../messages.js';

export type PartEvent =
  | EventOf<typeof p.PartRegistered>
  | EventOf<typeof p.PartRepriced>
  | EventOf<typeof p.PartsReceived>
  | EventOf<typeof p.PartsIssuedToRepairOrder>
  | EventOf<typeof p.PartsReturnedFromRepairOrder>
  | EventOf<typeof p.PartsSoldOverCounter>
  | EventOf<typeof p.AccessorySold>
  | EventOf<typeof p.StockCounted>
  | EventOf<typeof p.PartDemandUnmet>
  | EventOf<typeof p.PartsTransferShipped>
  | EventOf<typeof p.PartsTransferReceived>;

export type PartCommand =
  | CommandOf<typeof p.RegisterPart>
  | CommandOf<typeof p.RepricePart>
  | CommandOf<typeof p.ReceiveParts>
  | CommandOf<typeof p.IssuePartsToRepairOrder>
  | CommandOf<typeof p.ReturnPartsFromRepairOrder>
  | CommandOf<typeof p.SellPartsOverCounter>
  | CommandOf<typeof p.SellAccessory>
  | CommandOf<typeof p.CountStock>
  | CommandOf<typeof p.RecordUnmetDemand>
  | CommandOf<typeof p.TransferParts>
  | CommandOf<typeof p.ReceiveTransferredParts>;

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
