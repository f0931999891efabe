import { BACKWARDS, END, FORWARDS, jsonEvent, type KurrentDBClient, NO_STREAM, START } from '@kurrent/kurrentdb-client';
import {
  type AppendOptions,
  type AppendResult,
  assertCommandKey,
  catchUpThenWait,
  ConcurrencyError,
  DuplicateCommandError,
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
import {
  COMMAND_RECORD_TYPE,
  commandRecordData,
  commandStreamOf,
  parseCommandRecord,
  provisionalResult,
  recordedCommand,
  resolvePositions,
} from './command-records.js';
import { EventStoreDbError, ForeignRecordError, toStoreError } from './errors.js';
import { assertIncreasing, CopiedRangeIndex, rooftopPosition, startOf, type StorePositions } from './positions.js';
import { mapAppendError, satisfies, streamStateOf, versionOfRevision } from './revisions.js';
import { readStorePositions } from './store-settings.js';
import { envelopeOf, type OutgoingRecord, toRecord, toRecordedEvent } from './stored-event.js';
import { checkCommandId, checkCount, checkEventTypes, checkPosition, checkStreamId } from './validation.js';
import { WakeUps } from './wake-ups.js';
import { type ClientRecord, lastRooftopRecord, scanAll } from './all-log.js';

export interface EventStoreDbEventStoreOptions {
  readonly client: KurrentDBClient;
  /** How often a caught-up subscription reads again without a wake-up (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** Records per `$all` request while scanning (default 1000). */
  readonly pageSize?: number;
}

const isNotFound = (error: unknown): boolean => {
  const type = (error as { type?: unknown } | null)?.type;
  return type === 'stream-not-found' || type === 'no-stream';
};

const rethrow = (error: unknown): never => {
  throw toStoreError(error);
};

const recordOf = (resolved: { event?: unknown }): ClientRecord | undefined => resolved.event as ClientRecord | undefined;

const toEventData = (record: OutgoingRecord) =>
  jsonEvent({ id: record.id, type: record.type, data: record.data as Record<string, unknown>, metadata: record.metadata });

/**
 * The EventStore port on EventStoreDB/KurrentDB (`@kurrent/kurrentdb-client`). Needs KurrentDB 25.1 or later:
 * an append and its command result commit together through a multi-stream append. Positions: see
 * `positions.ts`; why and what differs from PostgreSQL: ADR 0035.
 */
export class EventStoreDbEventStore implements EventStore {
  /** The client, for tools that need more than the port (the migration). */
  readonly client: KurrentDBClient;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly wakeUps: WakeUps;
  private settings: Promise<StorePositions> | undefined;
  private copiedIndex: Promise<CopiedRangeIndex> | undefined;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = options.client;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.pageSize = checkCount('pageSize', options.pageSize ?? 1_000);
    this.wakeUps = new WakeUps(this.client);
  }

  /** How this store numbers positions (read once; a migration sets it before the store is opened). */
  positions(): Promise<StorePositions> {
    this.settings ??= readStorePositions(this.client).catch((error: unknown) => {
      this.settings = undefined;
      throw error;
    });
    return this.settings;
  }

  /** Reads the position settings again on next use (after a migration wrote them through this instance). */
  reloadPositions(): void {
    this.settings = undefined;
    this.copiedIndex = undefined;
  }

  // The public methods turn the client's failures into typed errors (EventStoreDbError, code UNAVAILABLE).
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appendRaw(streamId, events, options).catch(rethrow);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    return this.readStreamRaw(streamId, options).catch(rethrow);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    return this.readAllRaw(options).catch(rethrow);
  }

  headPosition(): Promise<number> {
    return this.headRaw().catch(rethrow);
  }

  findCommand(commandId: string): Promise<RecordedCommand | undefined> {
    return this.findCommandRaw(commandId).catch(rethrow);
  }

  private async appendRaw(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    checkStreamId(streamId);
    if (!Array.isArray(events)) throw new EventStoreDbError('events must be an array', 'INVALID_EVENTS');
    const state = streamStateOf(options.expectedVersion);
    const records = events.map((event, i) => toRecord(event, i));
    const command = options.command && { ...options.command, commandId: checkCommandId(options.command.commandId), ...assertCommandKey(options.command) };
    const commandStream = command && commandStreamOf(command.commandId);

    if (records.length === 0) {
      const { streamVersion } = await this.readStream(streamId, { fromVersion: 2_147_483_647 });
      if (!satisfies(options.expectedVersion, streamVersion)) throw new ConcurrencyError(streamId, String(options.expectedVersion), streamVersion);
      if (command && commandStream) {
        const data = commandRecordData(streamId, 0, command, command.result([]));
        await this.client
          .appendToStream(commandStream, jsonEvent({ type: COMMAND_RECORD_TYPE, data: { ...data } }), { streamState: NO_STREAM })
          .catch((error: unknown) => {
            throw (error as { type?: unknown }).type === 'wrong-expected-version' ? new DuplicateCommandError(command.commandId) : error;
          });
      }
      return { streamId, streamVersion, events: [] };
    }

    // Known before the write unless the append is `any`; the command record keeps it to find its events again.
    const firstVersion = typeof options.expectedVersion === 'number' ? options.expectedVersion + 1 : options.expectedVersion === 'noStream' ? 1 : undefined;
    const requests = [{ streamName: streamId, expectedState: state, events: records.map(toEventData) }];
    if (command && commandStream) {
      const data = commandRecordData(streamId, records.length, command, provisionalResult(command.result, streamId, events, firstVersion ?? 0), firstVersion);
      requests.unshift({
        streamName: commandStream,
        expectedState: NO_STREAM,
        events: [jsonEvent({ type: COMMAND_RECORD_TYPE, data: { ...data }, metadata: {} })],
      });
    }
    let revision: bigint;
    try {
      const result = await this.client.multiStreamAppend(requests);
      const ours = result.responses.find((r) => r.streamName === streamId);
      if (!ours) throw new EventStoreDbError(`the append to ${streamId} returned no revision`, 'NO_REVISION');
      revision = ours.revision;
    } catch (error) {
      throw mapAppendError(
        error,
        streamId,
        options.expectedVersion,
        command && commandStream ? { commandId: command.commandId, stream: commandStream } : undefined,
      );
    }
    const streamVersion = versionOfRevision(revision);
    const read = await this.readStream(streamId, { fromVersion: streamVersion - records.length + 1, maxCount: records.length });
    const recorded = read.events;
    if (recorded.length !== records.length || recorded.some((e, i) => e.eventId !== records[i]!.id)) {
      throw new EventStoreDbError(`the events appended to ${streamId} could not be read back`, 'READ_BACK');
    }
    return { streamId, streamVersion, events: recorded };
  }

  private async readStreamRaw(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    if (typeof streamId !== 'string' || streamId.length === 0) checkStreamId(streamId);
    const fromVersion = checkPosition('fromVersion', options.fromVersion ?? 1) || 1;
    const maxCount = options.maxCount === undefined ? undefined : checkCount('maxCount', options.maxCount);
    const store = await this.positions();
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, { fromRevision: BigInt(fromVersion - 1), direction: FORWARDS, ...(maxCount ? { maxCount } : {}) });
      for await (const resolved of read) {
        const record = recordOf(resolved);
        if (record) events.push(this.decodeOwn(store, record));
      }
    } catch (error) {
      if (isNotFound(error)) return { streamVersion: 0, events: [] };
      throw error;
    }
    const last = events.at(-1);
    if (last && maxCount === undefined) return { streamVersion: last.streamVersion, events };
    return { streamVersion: await this.lastVersion(streamId), events };
  }

  private async lastVersion(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        const record = recordOf(resolved);
        if (record) return versionOfRevision(BigInt(record.revision));
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return 0;
  }

  private decodeOwn(store: StorePositions, record: ClientRecord): RecordedEvent {
    const envelope = envelopeOf(record);
    if (envelope === undefined || typeof envelope === 'string')
      throw new ForeignRecordError(record.streamId, String(record.revision), envelope ?? 'it has no rooftop envelope');
    if (!record.position) throw new EventStoreDbError(`record ${record.revision} of ${record.streamId} came without its $all position`, 'NO_POSITION');
    return toRecordedEvent(
      record,
      envelope,
      versionOfRevision(BigInt(record.revision)),
      rooftopPosition(store, BigInt(record.position.commit), envelope.position),
    );
  }

  private async readAllRaw(options: ReadAllOptions): Promise<ReadAllResult> {
    const after = checkPosition('after', options?.after);
    const maxCount = checkCount('maxCount', options.maxCount);
    const wanted = checkEventTypes(options.eventTypes);
    const store = await this.positions();
    const index = BigInt(after) - store.base < store.copiedUntil ? await this.indexOfCopied(store) : undefined;
    const from = startOf(store, after, index);
    const events: RecordedEvent[] = [];
    let checkpoint = after;
    let scanned = 0;
    await scanAll(this.client, this.pageSize, from, (record) => {
      const envelope = envelopeOf(record);
      if (envelope === undefined) return true;
      if (typeof envelope === 'string') throw new ForeignRecordError(record.streamId, String(record.revision), envelope);
      const position = rooftopPosition(store, BigInt(record.position!.commit), envelope.position);
      if (position <= after) return true;
      assertIncreasing(checkpoint, position, BigInt(record.position!.commit));
      checkpoint = position;
      scanned++;
      if (!wanted || wanted.has(record.type)) events.push(toRecordedEvent(record, envelope, versionOfRevision(BigInt(record.revision)), position));
      return scanned < maxCount;
    });
    return { events, checkpoint };
  }

  private indexOfCopied(store: StorePositions): Promise<CopiedRangeIndex> {
    this.copiedIndex ??= (async () => {
      const index = new CopiedRangeIndex();
      await scanAll(this.client, this.pageSize, 'start', (record) => {
        const envelope = envelopeOf(record);
        if (envelope && typeof envelope !== 'string' && envelope.position !== undefined) index.add(envelope.position, record.position!);
        return BigInt(record.position!.commit) < store.copiedUntil;
      });
      return index;
    })();
    return this.copiedIndex;
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<ReadAllResult> {
    const after = checkPosition('after', options?.after);
    const batchSize = checkCount('batchSize', options.batchSize ?? 500);
    const { signal, eventTypes } = options;
    if (signal?.aborted) return;
    this.wakeUps.acquire();
    try {
      const read = (from: number) => this.readAll({ after: from, maxCount: batchSize, ...(eventTypes ? { eventTypes } : {}) });
      yield* catchUpThenWait(read, after, this.wakeUps, this.pollIntervalMs, signal);
    } finally {
      this.wakeUps.release();
    }
  }

  private async headRaw(): Promise<number> {
    const store = await this.positions();
    const last = await lastRooftopRecord(this.client);
    return last ? rooftopPosition(store, BigInt(last.record.position!.commit), last.envelope.position) : 0;
  }

  private async findCommandRaw(commandId: string): Promise<RecordedCommand | undefined> {
    checkCommandId(commandId);
    let record: ClientRecord | undefined;
    try {
      for await (const resolved of this.client.readStream(commandStreamOf(commandId), { fromRevision: START, maxCount: 1 })) record = recordOf(resolved);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (!record) return undefined;
    const stored = parseCommandRecord(commandId, record.data);
    // Copied results keep their positions; only results this adapter recorded at append time need resolving.
    if (!stored.result.events.some((e) => e.globalPosition === 0)) return recordedCommand(commandId, stored, stored.result);
    const positions = new Map<string, number>();
    if (stored.firstVersion !== undefined) {
      // The append named its versions: read them from the stream.
      const { events } = await this.readStream(stored.streamId, { fromVersion: stored.firstVersion, maxCount: stored.count });
      for (const e of events) positions.set(e.eventId, e.globalPosition);
    } else {
      // An `any` append: its events follow the command record in $all (one append's records are contiguous).
      if (!record.position) throw new EventStoreDbError(`the command record of ${commandId} came without its $all position`, 'NO_POSITION');
      const store = await this.positions();
      await scanAll(this.client, this.pageSize, record.position, (next) => {
        const envelope = envelopeOf(next);
        if (next.streamId === stored.streamId && envelope && typeof envelope !== 'string') {
          positions.set(next.id.toLowerCase(), rooftopPosition(store, BigInt(next.position!.commit), envelope.position));
        }
        return positions.size < stored.count;
      });
    }
    return recordedCommand(commandId, stored, resolvePositions(commandId, stored.result, positions));
  }

  /** Closes the gRPC channel; running subscriptions end with an error. */
  async close(): Promise<void> {
    await this.client.dispose();
  }
}
