import { ConcurrencyError, DuplicateCommandError } from './errors.js';
import { type NewEvent, type RecordedEvent } from './events.js';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedCommand,
  type SubscribeOptions,
} from './event-store.js';

const describeExpected = (expected: ExpectedVersion): string => String(expected);

/**
 * An EventStore in memory, for unit tests of command handlers only. Appends are synchronous, so the log
 * has no gaps and every position is safe to read at once.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly commands = new Map<string, RecordedCommand>();
  private readonly waiters = new Set<() => void>();

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length;
    const { expectedVersion } = options;
    const ok =
      expectedVersion === 'any' || (expectedVersion === 'noStream' && current === 0) || (typeof expectedVersion === 'number' && expectedVersion === current);
    if (!ok) throw new ConcurrencyError(streamId, describeExpected(expectedVersion), current);
    if (options.command && this.commands.has(options.command.commandId)) {
      throw new DuplicateCommandError(options.command.commandId);
    }
    const recordedAt = new Date();
    const recorded = events.map((event, index): RecordedEvent => ({
      ...event,
      streamId,
      streamVersion: current + index + 1,
      globalPosition: this.log.length + index + 1,
      recordedAt,
    }));
    this.log.push(...recorded);
    this.streams.set(streamId, [...stream, ...recorded]);
    if (options.command) {
      const { commandId, context, type, dataHash, result } = options.command;
      this.commands.set(commandId, { commandId, context, type, dataHash, result: result(recorded) });
    }
    for (const wake of this.waiters) wake();
    return { streamId, streamVersion: current + recorded.length, events: recorded };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const stream = this.streams.get(streamId) ?? [];
    const from = options.fromVersion ?? 1;
    const events = stream.filter((e) => e.streamVersion >= from).slice(0, options.maxCount ?? Infinity);
    return { streamVersion: stream.length, events };
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const window = this.log.slice(options.after, options.after + options.maxCount);
    const types = options.eventTypes ? new Set(options.eventTypes) : undefined;
    const events = types ? window.filter((e) => types.has(e.type)) : window;
    return { events, checkpoint: window.at(-1)?.globalPosition ?? options.after };
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<ReadAllResult> {
    let after = options.after;
    while (!options.signal?.aborted) {
      const batch = await this.readAll({ after, maxCount: options.batchSize ?? 500, ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}) });
      if (batch.checkpoint > after) {
        after = batch.checkpoint;
        yield batch;
        continue;
      }
      // An append that landed while readAll was awaited woke no one yet; read again instead of waiting.
      if (this.log.length > after) continue;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          options.signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.add(wake);
        options.signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  async findCommand(commandId: string): Promise<RecordedCommand | undefined> {
    return this.commands.get(commandId);
  }
}
