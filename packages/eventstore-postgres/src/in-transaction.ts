import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedCommand,
  type RecordedEvent,
  type SubscribeOptions,
} from '@rooftop/eventsourcing';
import type pg from 'pg';
import { appendInTransaction } from './append.js';
import { type PostgresEventStore } from './postgres-event-store.js';

/** What else an append writes in the same transaction (a context's timers), given the recorded events. */
export type AfterAppend = (client: pg.PoolClient, recorded: readonly RecordedEvent[]) => Promise<void>;

/**
 * The PostgreSQL store inside a caller's open transaction (a JetStream reaction's inbox transaction): the
 * append, whatever `afterAppend` writes and the caller's own rows commit together when the caller commits;
 * the caller then wakes subscribers (`notifyAppended`, ADR 0004). The stream and command results are read
 * through the same transaction, so the command sees its own appends and needs no second connection (a
 * one-session database has none to give). The log (`readAll`, `subscribe`) is read from the store.
 */
export const eventStoreInTransaction = (events: PostgresEventStore, client: pg.PoolClient, afterAppend?: AfterAppend): EventStore => ({
  async appendToStream(streamId: string, newEvents: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const result = await appendInTransaction(client, events.names, streamId, newEvents, options);
    await afterAppend?.(client, result.events);
    return result;
  },
  readStream: (streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult> => events.readStreamIn(client, streamId, options),
  findCommand: (commandId: string): Promise<RecordedCommand | undefined> => events.findCommandIn(client, commandId),
  readAll: (options: ReadAllOptions): Promise<ReadAllResult> => events.readAll(options),
  subscribe: (options: SubscribeOptions): AsyncIterable<ReadAllResult> => events.subscribe(options),
  headPosition: (): Promise<number> => events.headPosition(),
});
