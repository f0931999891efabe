import {
  type AppendOptions,
  type AppendResult,
  type RecordedCommand,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type ReadStreamResult,
  type SubscribeOptions,
} from '@rooftop/eventsourcing';
import { appendInTransaction, type PostgresEventStore } from '@rooftop/eventstore-postgres';
import type pg from 'pg';

/**
 * The PostgreSQL store appending inside a caller's open transaction (a JetStream reaction's inbox
 * transaction), so the append and the inbox row commit together; the caller commits and then wakes
 * subscribers (`notifyAppended`, ADR 0004). Reads go to the store.
 */
export class TransactionalEventStore implements EventStore {
  constructor(
    private readonly events: PostgresEventStore,
    private readonly client: pg.PoolClient,
  ) {}

  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return appendInTransaction(this.client, this.events.names, streamId, events, options);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    return this.events.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    return this.events.readAll(options);
  }

  subscribe(options: SubscribeOptions): AsyncIterable<ReadAllResult> {
    return this.events.subscribe(options);
  }

  headPosition(): Promise<number> {
    return this.events.headPosition();
  }

  findCommand(commandId: string): Promise<RecordedCommand | undefined> {
    return this.events.findCommand(commandId);
  }
}
