import { eventTypeFilter, FORWARDS, jsonEvent, NO_STREAM, START } from '@kurrent/kurrentdb-client';
import { lastRooftopRecord } from '../all-log.js';
import { type NewEvent } from '@rooftop/eventsourcing';
import { COMMAND_RECORD_TYPE, commandRecordData, commandStreamOf } from '../command-records.js';
import { type EventStoreDbEventStore } from '../eventstoredb-event-store.js';
import { copiedStore, NATIVE_STORE } from '../positions.js';
import { writeStorePositions } from '../store-settings.js';
import { toRecord } from '../stored-event.js';
import { type LogCommand, type LogEvent } from './hash.js';
import { type LogEntry, type LogSource } from './log-file.js';
import { MigrationTargetError } from './postgres.js';
import { logEventsOf } from './store-log.js';

const COMMAND_PREFIX = commandStreamOf('');

/** An EventStoreDB store as a migration source: events through the port, command results from their records. */
export const eventStoreDbLogSource = (store: EventStoreDbEventStore): LogSource => ({
  events: () => logEventsOf(store),
  async *commands(): AsyncGenerator<LogCommand> {
    const records = store.client.readAll({ fromPosition: START, direction: FORWARDS, filter: eventTypeFilter({ prefixes: [COMMAND_RECORD_TYPE] }) });
    for await (const resolved of records) {
      const stream = resolved.event?.streamId;
      if (resolved.event?.type !== COMMAND_RECORD_TYPE || !stream?.startsWith(COMMAND_PREFIX)) continue;
      const commandId = stream.slice(COMMAND_PREFIX.length);
      const command = await store.findCommand(commandId);
      if (command)
        yield {
          commandId,
          streamId: command.result.streamId,
          context: command.context,
          type: command.type,
          dataHash: command.dataHash,
          result: command.result,
        };
    }
  },
});

/** Commit position of the last Rooftop event in `$all` (the last copied one, right after the copy). */
const lastEventCommit = async (store: EventStoreDbEventStore): Promise<bigint> => {
  const last = await lastRooftopRecord(store.client);
  if (!last?.record.position) throw new MigrationTargetError('the copied events cannot be found in $all');
  return BigInt(last.record.position.commit);
};

export interface EventStoreDbImport {
  readonly events: number;
  readonly commands: number;
}

/**
 * Copies a checked log into an EventStoreDB store that holds no Rooftop event yet: each event into its
 * stream at its version, in log order, keeping its position and recording time; then the command results;
 * last the store's position settings (so a store whose copy was interrupted has none, and `verify` fails).
 * Consecutive events of one stream go in one append.
 */
export const importIntoEventStoreDb = async (store: EventStoreDbEventStore, entries: AsyncIterable<LogEntry>): Promise<EventStoreDbImport> => {
  const settings = await store.positions();
  if (settings !== NATIVE_STORE || (await store.headPosition()) !== 0)
    throw new MigrationTargetError('the EventStoreDB store already holds Rooftop events; import only into a new one');
  let run: LogEvent[] = [];
  let events = 0;
  let commands = 0;
  let last: LogEvent | undefined;
  const flush = async () => {
    if (run.length === 0) return;
    const first = run[0]!;
    const records = run.map((e, i) => toRecord(e as unknown as NewEvent, i, { position: e.globalPosition, recordedAt: new Date(e.recordedAt) }));
    const streamState = first.streamVersion === 1 ? NO_STREAM : BigInt(first.streamVersion - 2);
    await store.client.appendToStream(
      first.streamId,
      records.map((r) => jsonEvent({ id: r.id, type: r.type, data: r.data as Record<string, unknown>, metadata: r.metadata })),
      { streamState },
    );
    run = [];
  };
  for await (const entry of entries) {
    if (entry.kind === 'event') {
      if (run.length > 0 && (run[0]!.streamId !== entry.event.streamId || run.length === 500)) await flush();
      run.push(entry.event);
      last = entry.event;
      events++;
      continue;
    }
    await flush();
    const { commandId, streamId, result } = entry.command;
    const data = commandRecordData(streamId, result.events.length, entry.command, result);
    await store.client.appendToStream(commandStreamOf(commandId), jsonEvent({ type: COMMAND_RECORD_TYPE, data: { ...data } }), { streamState: NO_STREAM });
    commands++;
  }
  await flush();
  if (last) await writeStorePositions(store.client, copiedStore(last.globalPosition, await lastEventCommit(store)));
  // This instance read the settings before the copy (a native store): from now on they are the copy's.
  store.reloadPositions();
  return { events, commands };
};
