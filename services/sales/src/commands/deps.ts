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
  /** Concurrency conflicts retried with a fresh load (default: the kernel's, 32). */
  readonly maxRetries?: number;
}

/** Events are written with the schema version their contract publishes. */
export const schemaVersionOf = (eventType: string): number => platformRegistry.event(eventType)?.schemaVersion ?? 1;

export const handlerOptions = (deps: SalesHandlerDeps) => ({
  store: deps.store,
  context: sales.SALES_CONTEXT,
  groupId: deps.groupId,
  schemaVersionOf,
  ...(deps.maxRetries !== undefined ? { maxRetries: deps.maxRetries } : {}),
  ...(deps.ids ? { ids: deps.ids } : {}),
});
