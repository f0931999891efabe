import { PositionCollisionError, PositionOutOfRangeError } from './errors.js';

/**
 * Rooftop global positions in an EventStoreDB store.
 *
 * An event written by this adapter is at `base + commit`, where `commit` is its `$all` commit position (a
 * byte offset in the transaction log, unique per event and increasing in `$all` order) and `base` is 0 for a
 * store that began on EventStoreDB. An event copied in from PostgreSQL keeps the position it had there (in
 * its envelope); the copy sets `base = lastCopiedPosition - lastCopiedCommit`, so the last copied event
 * maps to its own position either way and every later event lands above it. Positions are therefore unique,
 * ordered like `$all`, and unchanged by a migration (checkpoints, relays and HQ's `previousposition` chain
 * carry on). They are not dense: compare, never subtract.
 */
export interface StorePositions {
  readonly base: bigint;
  /** Commit position of the last copied event, or -1 when the store has none. */
  readonly copiedUntil: bigint;
}

export const NATIVE_STORE: StorePositions = { base: 0n, copiedUntil: -1n };

export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export const toSafePosition = (value: bigint): number => {
  if (value > MAX || value < 1n) throw new PositionOutOfRangeError(value);
  return Number(value);
};

/** The Rooftop position of a record at `commit`, given the position its envelope kept (copied events). */
export const rooftopPosition = (store: StorePositions, commit: bigint, kept?: number): number => kept ?? toSafePosition(store.base + commit);

/** Where a copied store's positions start: the last copied event maps to its kept position. */
export const copiedStore = (lastKeptPosition: number, lastCommit: bigint): StorePositions => ({
  base: BigInt(lastKeptPosition) - lastCommit,
  copiedUntil: lastCommit,
});

/**
 * Every `every`-th copied event's (position, log position), so a reader can start inside the copied range
 * without scanning it from the start. Built once per process by scanning the copied range.
 */
export class CopiedRangeIndex {
  private readonly samples: Array<{ position: number; at: LogPosition }> = [];
  private seen = 0;

  constructor(private readonly every = 256) {}

  add(position: number, at: LogPosition): void {
    const last = this.samples.at(-1);
    if (last && position <= last.position) throw new PositionCollisionError(at.commit);
    if (this.seen++ % this.every === 0) this.samples.push({ position, at });
  }

  /** The log position of the latest sampled event at or before `after`; undefined = from the start. */
  startFor(after: number): LogPosition | undefined {
    let lo = 0;
    let hi = this.samples.length - 1;
    let found: LogPosition | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const sample = this.samples[mid]!;
      if (sample.position <= after) {
        found = sample.at;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  get size(): number {
    return this.samples.length;
  }
}

/**
 * Where a forward read for "everything after `after`" starts in `$all`. Reads include the record at the start,
 * so the caller skips records at or below `after`.
 * - 0: from the start of the log.
 * - at or beyond the last copied event: the commit position `after - base` (a record this store numbered).
 * - inside the copied range: the nearest sampled copied event at or before it (`index`), else the start.
 */
export const startOf = (store: StorePositions, after: number, index?: CopiedRangeIndex): LogPosition | 'start' => {
  if (after === 0) return 'start';
  const native = BigInt(after) - store.base;
  if (native >= store.copiedUntil && native >= 0n) return { commit: native, prepare: native };
  return index?.startFor(after) ?? 'start';
};

/** Checks that positions read in log order strictly increase (a read that breaks this must stop). */
export const assertIncreasing = (previous: number, next: number, commit: bigint): void => {
  if (next <= previous) throw new PositionCollisionError(commit);
};
