import { DomainError } from '@rooftop/eventsourcing';
import { type RegisteredPart } from './part.state.js';

// Stock arithmetic at moving-average cost, in whole fen. Taking units out costs their share of the value
// (rounded), and the last unit out takes exactly what is left, so stock value never drifts and never goes
// negative; stock never goes negative because a bin cannot give more than it holds.

export const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

export interface Movement {
  readonly partNumber: string;
  readonly kind: RegisteredPart['kind'];
  readonly brand: string;
  readonly bin: string;
  readonly quantity: number;
  readonly cost: { amount: number; currency: 'CNY' };
  readonly onHand: number;
  readonly binOnHand: number;
  readonly stockValue: { amount: number; currency: 'CNY' };
}

const movement = (s: RegisteredPart, bin: string, quantity: number, cost: number, onHand: number, binOnHand: number, value: number): Movement => ({
  partNumber: s.partNumber,
  kind: s.kind,
  brand: s.brand,
  bin,
  quantity,
  cost: cny(cost),
  onHand,
  binOnHand,
  stockValue: cny(value),
});

/** Cost of `quantity` units at the part's average cost. */
export const averageCost = (s: RegisteredPart, quantity: number): number => (quantity >= s.onHand ? s.value : Math.round((s.value * quantity) / s.onHand));

export const takeOut = (s: RegisteredPart, bin: string, quantity: number): Movement | DomainError => {
  const inBin = s.bins[bin] ?? 0;
  if (quantity > inBin) {
    return new DomainError(
      'INSUFFICIENT_STOCK',
      `bin ${bin} holds ${inBin} of ${s.partNumber}, ${quantity} asked (record the shortfall with RecordUnmetDemand)`,
      {
        partNumber: s.partNumber,
        bin,
        binOnHand: inBin,
        requested: quantity,
      },
    );
  }
  const cost = averageCost(s, quantity);
  return movement(s, bin, quantity, cost, s.onHand - quantity, inBin - quantity, s.value - cost);
};

export const putIn = (s: RegisteredPart, bin: string, quantity: number, cost: number): Movement =>
  movement(s, bin, quantity, cost, s.onHand + quantity, (s.bins[bin] ?? 0) + quantity, s.value + cost);

/** Cost per unit of units found in a count: the average when there is stock, else the standard cost. */
export const unitCostForGains = (s: RegisteredPart): number => (s.onHand > 0 ? Math.round(s.value / s.onHand) : s.cost);
