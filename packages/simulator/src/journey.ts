import { type CommandContract } from '@rooftop/contracts';
import { type Actor } from '@rooftop/eventsourcing';
import { type z } from 'zod';

/** One command of a journey, at its simulated time. */
export interface Step {
  readonly contract: CommandContract;
  readonly data: unknown;
  readonly actor: Actor;
  /** Simulated business time: becomes the command's `metadata.now`. */
  readonly at: Date;
  /** Set on commands generated to be refused: the error code the service must answer. */
  readonly expectRejection?: string;
  /**
   * Set on commands that need a reaction or timer first (a follow-up opens when the RO is released, a renewal
   * when its timer fires, a claim is repaired when workshop's invoice reaches insurance): a NOT_FOUND answer —
   * and an answer with one of the listed rule reasons — is retried for a while instead of counted.
   */
  readonly awaitsReaction?: true | readonly string[];
  /**
   * Set on commands that read what the store's projections hold (a commission statement reads the month's
   * sales): the runner first lets the commands in flight finish, then waits for the store to settle.
   */
  readonly settleFirst?: boolean;
}

/** Commands about one business thing (a customer's purchase, a vehicle's visit), sent in order. */
export interface Journey {
  readonly storeId: string;
  /** Unique per store and seed; command ids are `<key>.<step index>`. */
  readonly key: string;
  readonly steps: Step[];
  /** Set-up journeys only: phases run one after the other (the staffing plan before the hires, …). */
  readonly phase?: number;
}

/** A typed step: the data is checked against the contract's input type at compile time. */
export const step = <C extends CommandContract>(
  contract: C,
  data: z.input<C['schema']>,
  actor: Actor,
  at: Date,
  extra: Pick<Step, 'expectRejection' | 'awaitsReaction' | 'settleFirst'> = {},
): Step => ({
  contract,
  data,
  actor,
  at,
  ...extra,
});

export const user = (id: string, role: string): Actor => ({ kind: 'user', id, roles: [role] });

/** Store-local wall time → instant. Demo stores are all on China time (UTC+8, no daylight saving). */
export const localTime = (day: string, hour: number, minute = 0): Date => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute));
};

export const addMinutes = (at: Date, minutes: number): Date => new Date(at.getTime() + Math.round(minutes) * 60_000);

/** Business date (China time) of an instant. */
export const businessDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export const money = (amount: number) => ({ amount: Math.max(0, Math.round(amount)), currency: 'CNY' as const });
