/**
 * The EventStoreDB/KurrentDB servers tests use. A KurrentDB has no separate databases, so suites that must not
 * see each other's events get servers of their own:
 * - `contract`: the event store contract suite (it reads the whole log and expects only its own appends);
 * - `migration`: the migration round trip (an import refuses a store that already holds Rooftop events);
 * - `services`: services running on the adapter (sales).
 * Each is an environment variable, set by hand or by the run's global setup (`infra/test/global-setup.ts`),
 * which starts one container per role when a Docker engine answers. Undefined when unset: those tests are then
 * skipped, and the setup has printed why, once.
 */
export type EventStoreDbRole = 'contract' | 'migration' | 'services';

export const EVENTSTORE_URL_VARIABLES: Readonly<Record<EventStoreDbRole, string>> = {
  contract: 'EVENTSTORE_URL',
  migration: 'EVENTSTORE_MIGRATION_URL',
  services: 'EVENTSTORE_SERVICES_URL',
};

export const eventStoreDbUrl = (role: EventStoreDbRole = 'contract'): string | undefined => process.env[EVENTSTORE_URL_VARIABLES[role]] || undefined;

/** Why the EventStoreDB tests of `role` are skipped in this run (the setup's reason, or the unset variable). */
export const eventStoreDbSkipReason = (role: EventStoreDbRole = 'contract'): string =>
  process.env.ROOFTOP_EVENTSTOREDB_SKIPPED || `${EVENTSTORE_URL_VARIABLES[role]} is unset`;
