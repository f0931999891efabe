// The scheduling store is shared by every context with timers; it lives in @rooftop/eventstore-postgres.
export { SchedulingEventStore, type SchedulingEventStoreOptions } from '@rooftop/eventstore-postgres';
