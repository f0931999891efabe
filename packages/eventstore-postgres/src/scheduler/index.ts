export { exponentialBackoff, type Backoff } from './backoff.js';
export { ScheduledCommandDispatcher, type DispatchSummary, type ScheduledCommandDispatcherOptions } from './dispatcher.js';
export { migrateScheduler, SCHEDULER_SCHEMA_VERSION } from './migrate.js';
export { type DispatcherLogger } from './notify-listener.js';
export { PostgresCommandScheduler, type PostgresCommandSchedulerOptions, type SchedulerQueryable } from './postgres-command-scheduler.js';
export { type ScheduledCommandRecord, type ScheduledCommandState } from './record.js';
export { DEFAULT_SCHEDULER_SCHEMA, schedulerNames, type SchedulerNames } from './schema.js';
export { SchedulingEventStore, type SchedulingEventStoreOptions } from './scheduling-event-store.js';
