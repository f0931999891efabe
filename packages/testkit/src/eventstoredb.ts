/**
 * The EventStoreDB/KurrentDB that tests use: EVENTSTORE_URL, set by hand or by the test run's global setup
 * (`infra/test/global-setup.ts`), which starts one in Docker when an engine answers. Undefined when there is
 * none: the tests that need it are then skipped, and the setup has printed why, once.
 */
export const eventStoreDbUrl = (): string | undefined => process.env.EVENTSTORE_URL || undefined;

/** Why the EventStoreDB tests are skipped in this run (the setup's reason, or the bare fact). */
export const eventStoreDbSkipReason = (): string => process.env.ROOFTOP_EVENTSTOREDB_SKIPPED || 'EVENTSTORE_URL is unset';

/**
 * A second, empty EventStoreDB for the migration test (an import refuses a store that holds Rooftop events,
 * and the contract suite writes to the shared one): EVENTSTORE_MIGRATION_URL, set by hand or by the setup.
 */
export const emptyEventStoreDbUrl = (): string | undefined => process.env.EVENTSTORE_MIGRATION_URL || undefined;
