import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { RooftopError } from '@rooftop/eventsourcing';
import { type LogCommand, LogDigest, type LogEvent, type LogSummary } from './hash.js';

/**
 * The migration's file: NDJSON, one line each —
 * `{"kind":"header","format":"rooftop-event-log","version":1,"source":…}`, then every event in log order
 * (`{"kind":"event",…LogEvent}`), then every recorded command result (`{"kind":"command",…}`), then
 * `{"kind":"end",…LogSummary}`. A reader recomputes the summary and refuses a file whose end does not match.
 */
export const LOG_FORMAT = 'rooftop-event-log';
const MAX_LINE = 16 * 1024 * 1024;

export class LogFileError extends RooftopError {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super('VALIDATION_FAILED', `log file line ${line}: ${message}`, { line });
  }
}

export interface LogSource {
  readonly events: () => AsyncIterable<LogEvent>;
  readonly commands: () => AsyncIterable<LogCommand>;
}

/** Writes a whole log to `path` (through `<path>.partial`, renamed once complete) and returns its summary. */
export const writeLogFile = async (path: string, sourceName: string, source: LogSource): Promise<LogSummary> => {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  const digest = new LogDigest();
  try {
    await write({ kind: 'header', format: LOG_FORMAT, version: 1, source: sourceName });
    for await (const event of source.events()) {
      digest.addEvent(event);
      await write({ kind: 'event', ...event });
    }
    for await (const command of source.commands()) {
      digest.addCommand(command);
      await write({ kind: 'command', ...command });
    }
    const summary = digest.summary();
    await write({ kind: 'end', ...summary });
    out.end();
    await once(out, 'close');
    await rename(partial, path);
    return summary;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
};

const isInt = (v: unknown, min: number) => Number.isSafeInteger(v) && (v as number) >= min;

const checkEvent = (line: number, e: Record<string, unknown>): LogEvent => {
  const ok =
    typeof e.eventId === 'string' &&
    typeof e.streamId === 'string' &&
    e.streamId.length > 0 &&
    isInt(e.streamVersion, 1) &&
    isInt(e.globalPosition, 1) &&
    isInt(e.previousPosition, 0) &&
    typeof e.type === 'string' &&
    isInt(e.schemaVersion, 1) &&
    'data' in e &&
    typeof e.metadata === 'object' &&
    e.metadata !== null &&
    typeof e.recordedAt === 'string' &&
    !Number.isNaN(Date.parse(e.recordedAt));
  if (!ok) throw new LogFileError(line, 'is not a complete event');
  const { kind: _kind, ...event } = e;
  return event as unknown as LogEvent;
};

const checkCommand = (line: number, c: Record<string, unknown>): LogCommand => {
  const result = c.result as { events?: unknown } | null;
  const textOrNull = (value: unknown) => value === null || typeof value === 'string';
  if (
    typeof c.commandId !== 'string' ||
    typeof c.streamId !== 'string' ||
    typeof c.context !== 'string' ||
    !textOrNull(c.type) ||
    !textOrNull(c.dataHash) ||
    typeof result !== 'object' ||
    result === null ||
    !Array.isArray(result.events)
  ) {
    throw new LogFileError(line, 'is not a complete command result');
  }
  return {
    commandId: c.commandId,
    streamId: c.streamId,
    context: c.context,
    type: c.type as string | null,
    dataHash: c.dataHash as string | null,
    result: c.result as LogCommand['result'],
  };
};

export type LogEntry = { readonly kind: 'event'; readonly event: LogEvent } | { readonly kind: 'command'; readonly command: LogCommand };

/**
 * Reads and checks a log file: header first, events in chain order, then commands, then an end whose summary
 * matches what was read. Throws LogFileError at the first line that breaks this; a consumer that writes as it
 * reads must therefore write in a transaction it can roll back, or check the file first (`summariseLogFile`).
 */
export async function* readLogFile(path: string): AsyncGenerator<LogEntry, LogSummary> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  const digest = new LogDigest();
  let number = 0;
  let phase: 'header' | 'events' | 'commands' | 'ended' = 'header';
  let ended: LogSummary | undefined;
  for await (const text of lines) {
    number++;
    if (text.length > MAX_LINE) throw new LogFileError(number, `is longer than ${MAX_LINE} characters`);
    if (phase === 'ended') throw new LogFileError(number, 'follows the end line');
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new LogFileError(number, 'is not JSON');
    }
    if (phase === 'header') {
      if (value.kind !== 'header' || value.format !== LOG_FORMAT || value.version !== 1)
        throw new LogFileError(number, `is not a ${LOG_FORMAT} version 1 header`);
      phase = 'events';
    } else if (value.kind === 'event' && phase === 'events') {
      const event = checkEvent(number, value);
      try {
        digest.addEvent(event);
      } catch (error) {
        throw new LogFileError(number, error instanceof Error ? error.message : String(error));
      }
      yield { kind: 'event', event };
    } else if (value.kind === 'command') {
      phase = 'commands';
      const command = checkCommand(number, value);
      digest.addCommand(command);
      yield { kind: 'command', command };
    } else if (value.kind === 'end') {
      const summary = digest.summary();
      const { kind: _kind, ...claimed } = value;
      if (JSON.stringify(claimed) !== JSON.stringify(summary))
        throw new LogFileError(number, `says ${JSON.stringify(claimed)} but the file holds ${JSON.stringify(summary)}`);
      ended = summary;
      phase = 'ended';
    } else {
      throw new LogFileError(number, `unexpected line of kind ${JSON.stringify(value.kind)}`);
    }
  }
  if (!ended) throw new LogFileError(number + 1, 'the file ends without its end line (truncated?)');
  return ended;
}

/** Reads a whole file for its checked summary, writing nothing. */
export const summariseLogFile = async (path: string): Promise<LogSummary> => {
  const reader = readLogFile(path);
  for (;;) {
    const next = await reader.next();
    if (next.done) return next.value;
  }
};

/** The summary of a live store, computed the same way as a file's. */
export const summariseSource = async (source: LogSource): Promise<LogSummary> => {
  const digest = new LogDigest();
  for await (const event of source.events()) digest.addEvent(event);
  for await (const command of source.commands()) digest.addCommand(command);
  return digest.summary();
};
