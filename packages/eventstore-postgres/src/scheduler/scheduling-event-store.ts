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
  type RecordedEvent,
  type ScheduledCommand,
  type SubscribeOptions,
} from '@rooftop/eventsourcing';
import { appendInTransaction } from '../append.js';
import { eventStoreInTransaction } from '../in-transaction.js';
import { type PostgresEventStore } from '../postgres-event-store.js';
import { type PostgresCommandScheduler } from './postgres-command-scheduler.js';
import type pg from 'pg';

export interface SchedulingEventStoreOptions {
  readonly events: PostgresEventStore;
  readonly pool: pg.Pool;
  readonly scheduler: PostgresCommandScheduler;
  /** The timers the recorded events start (a context's pure timer rules). */
  readonly timersOf: (recorded: readonly RecordedEvent[]) => ScheduledCommand[];
}

/**
 * A context's EventStore with durable timers: an append and the timers its events start commit in **one
 * transaction**, so an event always has its timers and a rejected command schedules nothing. Reads go to
 * the PostgreSQL store. `inTransaction(client)` gives the same store inside a caller's open transaction (the
 * JetStream reaction's inbox transaction), where the caller commits (`eventStoreInTransaction`, with the
 * timers).
 */
export class SchedulingEventStore implements EventStore {
  constructor(private readonly options: SchedulingEventStoreOptions) {}

  inTransaction(client: pg.PoolClient): EventStore {
    return eventStoreInTransaction(this.options.events, client, (tx, recorded) => this.scheduleIn(tx, recorded));
  }

  private scheduleIn(client: pg.PoolClient, recorded: readonly RecordedEvent[]): Promise<void> {
    return this.options.scheduler.schedule(this.options.timersOf(recorded), client);
  }

  private async appendWith(client: pg.PoolClient, streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const result = await appendInTransaction(client, this.options.events.names, streamId, events, options);
    await this.scheduleIn(client, result.events);
    return result;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const client = await this.options.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await this.appendWith(client, streamId, events, options);
      await client.query('COMMIT');
      // appendInTransaction leaves the wake-up to whoever commits (ADR 0004): subscribers see it now, not on a poll.
      this.options.events.notifyAppended();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    return this.options.events.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    return this.options.events.readAll(options);
  }

  subscribe(options: SubscribeOptions): AsyncIterable<ReadAllResult> {
    return this.options.events.subscribe(options);
  }

  headPosition(): Promise<number> {
    return this.options.events.headPosition();
  }

  findCommand(commandId: string): Promise<RecordedCommand | undefined> {
    return this.options.events.findCommand(commandId);
  }
}
