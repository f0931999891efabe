import { type RecordedEvent } from './events.js';

/**
 * A projection turns events into read-model rows. The runner (an adapter) owns batching, checkpoints,
 * transactions, rebuilds and poison handling; the projection only says which events it wants and how a
 * batch of them changes its tables. `TContext` is the adapter's transaction handle (e.g. a pg client whose
 * search_path points at the projection's current table set).
 *
 * `apply` must be deterministic in its events: the same events applied to empty tables give the same rows,
 * which is what lets a rebuild replace the live tables and what lets HQ run the same definition.
 */
export interface Projection<TContext> {
  /** Stable name; also names the checkpoint and the table set. */
  readonly name: string;
  /** Bump to rebuild: the runner rebuilds when the stored version differs. */
  readonly version: number;
  readonly eventTypes: readonly string[];
  /** Creates the projection's tables (unqualified names) in the current table set. Idempotent. */
  setup(context: TContext): Promise<void>;
  /** Applies events (only of `eventTypes`, in log order) inside the runner's transaction. */
  apply(events: readonly RecordedEvent[], context: TContext): Promise<void>;
}

/** How a runner treats an event whose `apply` throws. */
export type PoisonPolicy = 'stop' | 'park';
