import { platformRegistry, sales } from '@rooftop/contracts';
import { type EventStore, type IdGenerator } from '@rooftop/eventsourcing';
import { type SalesSettings } from '../domain/settings.js';

/** What the sales command handlers are built from; everything is passed in, nothing is global. */
export interface SalesHandlerDeps {
  readonly store: EventStore;
  readonly groupId: string;
  /** This store's sales settings (discount authority, ownership lapse, ...). */
  readonly settings: SalesSettings;
  readonly ids?: IdGenerator;
  /**
   * Concurrency conflicts retried with a fresh load before CONCURRENCY_CONFLICT is returned (default 32). Each
   * conflict means another command on the stream committed, so N concurrent commands on one stream all finish
   * when this is at least N − 1.
   */
  readonly maxRetries?: number;
}

/** Events are written with the schema version their contract publishes. */
export const schemaVersionOf = (eventType: string): number => platformRegistry.event(eventType)?.schemaVersion ?? 1;

export const handlerOptions = (deps: SalesHandlerDeps) => ({
  store: deps.store,
  context: sales.SALES_CONTEXT,
  groupId: deps.groupId,
  schemaVersionOf,
  maxRetries: deps.maxRetries ?? 32,
  ...(deps.ids ? { ids: deps.ids } : {}),
});
