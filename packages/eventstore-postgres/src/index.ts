export { type AppendPlan, appendInTransaction, planAppend, type Queryable, standardCommandResult } from './append.js';
export { type AfterAppend, eventStoreInTransaction } from './in-transaction.js';
export { AppendPerTransactionError, AppendTooLargeError, DuplicateEventIdError, PositionOutOfRangeError } from './errors.js';
export { EVENT_STORE_SCHEMA_VERSION, type EventStoreMigration, migrateEventStore, migrations } from './migrations.js';
export { DEFAULT_EVENT_STORE_SCHEMA, type EventStoreNames, eventStoreNames } from './names.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export { MAX_EVENTS_PER_APPEND, SAFE_BOUND_SQL, positionSql, toPosition } from './positions.js';
export { filteredTailingQuery, tailingQuery } from './read.js';
export * from './scheduler/index.js';
