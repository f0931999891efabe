import {
  type AppendOptions,
  type AppendResult,
  type CommandResult,
  type RecordedCommand,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type ReadStreamResult,
  type SubscribeOptions,
} from '@rooftop/eventsourcing';
import type pg from 'pg';
import { planAppend, type Queryable } from './append.js';
import { AppendListener } from './append-listener.js';
import { AppendNotifier } from './append-notifier.js';
import { type EventStoreNames, eventStoreNames } from './names.js';
import { prepared } from './prepared.js';
import { countBehind, headPosition, readAll, readStream } from './read.js';
import { assertCommandId, assertCount, assertEventTypes, assertNonNegative } from './validation.js';

export interface PostgresEventStoreOptions {
  readonly pool: pg.Pool;
  /** Schema holding the store's tables (default `eventstore`); create it with `migrateEventStore`. */
  readonly schema?: string;
  /** LISTEN/NOTIFY channel (default `<schema>_appended`). */
  readonly notifyChannel?: string;
  /**
   * How often an idle subscription reads anyway (default 500 ms): a NOTIFY is lost while the listener
   * reconnects, and an event held back by another open transaction becomes readable with no NOTIFY at all.
   */
  readonly pollIntervalMs?: number;
  /** Delay before re-opening a broken LISTEN connection (default 250 ms). */
  readonly reconnectDelayMs?: number;
}

/** The EventStore port on PostgreSQL. Positions and gap safety: see docs/eventstore.md. */
export class PostgresEventStore implements EventStore {
  readonly names: EventStoreNames;
  private readonly pool: pg.Pool;
  private readonly pollIntervalMs: number;
  private readonly listener: AppendListener;
  private readonly notifier: AppendNotifier;

  constructor(options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.names = eventStoreNames(options.schema, options.notifyChannel);
    this.pollIntervalMs = assertCount('pollIntervalMs', options.pollIntervalMs ?? 500);
    this.listener = new AppendListener(this.pool, this.names.channel, assertCount('reconnectDelayMs', options.reconnectDelayMs ?? 250));
    this.notifier = new AppendNotifier(this.pool, this.names.channel);
  }

  /**
   * One statement in autocommit, i.e. one round trip, whenever the append allows it: without a command result,
   * and with one in the standard shape (ADR 0030). A command that appends nothing, or records a result of
   * another shape, goes in a transaction. Either way the wake-up NOTIFY follows the commit (coalesced, see
   * AppendNotifier and ADR 0004).
   */
  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const plan = planAppend(this.names, streamId, events, options);
    if (plan.singleStatement) return this.appended(await plan.run(this.pool));
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await plan.run(client);
      await client.query('COMMIT');
      return this.appended(result);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Wakes this database's subscriptions now, e.g. after committing an `appendInTransaction` of your own. */
  notifyAppended(): void {
    this.notifier.appended();
  }

  private appended(result: AppendResult): AppendResult {
    if (result.events.length > 0) this.notifier.appended();
    return result;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    return readStream(this.pool, this.names, streamId, options);
  }

  /** `readStream` through `db`: a transaction's client, which sees what that transaction appended. */
  readStreamIn(db: Queryable, streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    return readStream(db, this.names, streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    return readAll(this.pool, this.names, options);
  }

  headPosition(): Promise<number> {
    return headPosition(this.pool, this.names);
  }

  /** Events safe to read after `after` (positions are not dense: `head - after` is not a count). */
  countBehind(after: number): Promise<number> {
    return countBehind(this.pool, this.names, after);
  }

  findCommand(commandId: string): Promise<RecordedCommand | undefined> {
    return this.findCommandIn(this.pool, commandId);
  }

  /** `findCommand` through `db` (a transaction's client). */
  async findCommandIn(db: Queryable, commandId: string): Promise<RecordedCommand | undefined> {
    assertCommandId(commandId);
    const { rows } = await db.query<{ context: string; command_type: string | null; data_hash: string | null; result: CommandResult }>(
      prepared(
        // A row from before schema version 2 has no context: its stream id begins with it.
        `SELECT coalesce(context, split_part(stream_id, '-', 1)) AS context, command_type, data_hash, result FROM ${this.names.commandResults} WHERE command_id = $1`,
        [commandId],
      ),
    );
    const row = rows[0];
    return row && { commandId, context: row.context, type: row.command_type, dataHash: row.data_hash, result: row.result };
  }

  /** Catch-up, then live: woken by NOTIFY, with a poll as the safety net. Ends when the signal aborts. */
  async *subscribe(options: SubscribeOptions): AsyncIterable<ReadAllResult> {
    let after = assertNonNegative('after', options?.after);
    const maxCount = assertCount('batchSize', options.batchSize ?? 500);
    const eventTypes = assertEventTypes(options.eventTypes);
    const { signal } = options;
    this.listener.acquire();
    try {
      while (!signal?.aborted) {
        const seen = this.listener.generation;
        const batch = await this.readAll({ after, maxCount, ...(eventTypes ? { eventTypes } : {}) });
        if (signal?.aborted) return;
        if (batch.checkpoint > after) {
          after = batch.checkpoint;
          yield batch;
          continue;
        }
        await this.listener.wait(seen, this.pollIntervalMs, signal);
      }
    } finally {
      this.listener.release();
    }
  }

  /** True while the LISTEN connection is open (subscriptions still poll while it is not). */
  get listening(): boolean {
    return this.listener.listening;
  }

  /** Releases the LISTEN connection; running subscriptions keep polling until their signal aborts. */
  close(): void {
    this.listener.close();
  }

  /** Resolves when no wake-up NOTIFY is still being sent (call before `pool.end()` for a quiet shutdown). */
  flushNotifications(): Promise<void> {
    return this.notifier.idle();
  }
}
