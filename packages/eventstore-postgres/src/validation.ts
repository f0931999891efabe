import { type ExpectedVersion, type NewEvent, ValidationError } from '@rooftop/eventsourcing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_VERSION = 2_147_483_647;

const invalid = (path: string, message: string): ValidationError => new ValidationError(`${path} ${message}`, [{ path, message }]);

export const assertStreamId = (streamId: unknown): string => {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 1_000) {
    throw invalid('streamId', 'must be a non-empty string of at most 1000 characters');
  }
  return streamId;
};

export const assertCommandId = (commandId: unknown): string => {
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 1_000) {
    throw invalid('command.commandId', 'must be a non-empty string of at most 1000 characters');
  }
  return commandId;
};

const KEY_PART = /^[\x21-\x7e]{1,200}$/;

/** The context, type and data hash a command result is recorded under: short printable tokens. */
export const assertCommandKey = (key: { context?: unknown; type?: unknown; dataHash?: unknown }): { context: string; type: string; dataHash: string } => {
  for (const part of ['context', 'type', 'dataHash'] as const) {
    const value = key[part];
    if (typeof value !== 'string' || !KEY_PART.test(value)) throw invalid(`command.${part}`, 'must be 1–200 printable ASCII characters');
  }
  return key as { context: string; type: string; dataHash: string };
};

export const assertExpectedVersion = (expected: unknown): ExpectedVersion => {
  if (expected === 'any' || expected === 'noStream') return expected;
  if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0 && expected <= MAX_VERSION) return expected;
  throw invalid('expectedVersion', "must be 'any', 'noStream' or a non-negative integer");
};

/** A position or version bound given by a caller: a non-negative safe integer. */
export const assertNonNegative = (path: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalid(path, 'must be a non-negative safe integer');
  return value;
};

export const assertCount = (path: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 100_000) {
    throw invalid(path, 'must be an integer between 1 and 100000');
  }
  return value;
};

export const assertEventTypes = (types: unknown): readonly string[] | undefined => {
  if (types === undefined) return undefined;
  if (!Array.isArray(types) || !types.every((t) => typeof t === 'string')) throw invalid('eventTypes', 'must be an array of strings');
  return types as string[];
};

// An odd run of backslashes before u0000 is JSON's escape of NUL; an even run is an escaped backslash.
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** JSON text for a jsonb column; jsonb cannot hold \u0000, so it is rejected here rather than by the server. */
export const toJsonColumn = (path: string, value: unknown): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw invalid(path, `is not serialisable to JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === undefined) return 'null';
  if (ESCAPED_NUL.test(text)) throw invalid(path, 'contains a NUL character, which jsonb cannot store');
  return text;
};

/** The column arrays of a batch, in append order, ready for `unnest`. */
export interface EventColumns {
  readonly eventIds: string[];
  readonly types: string[];
  readonly schemaVersions: number[];
  readonly data: string[];
  readonly metadata: string[];
}

export const eventColumns = (events: readonly NewEvent[]): EventColumns => {
  if (!Array.isArray(events)) throw invalid('events', 'must be an array');
  const columns: EventColumns = { eventIds: [], types: [], schemaVersions: [], data: [], metadata: [] };
  events.forEach((event: NewEvent, i) => {
    if (typeof event !== 'object' || event === null) throw invalid(`events[${i}]`, 'must be an object');
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) throw invalid(`events[${i}].eventId`, 'must be a UUID');
    if (typeof event.type !== 'string' || event.type.length === 0) throw invalid(`events[${i}].type`, 'must be a non-empty string');
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > MAX_VERSION) {
      throw invalid(`events[${i}].schemaVersion`, 'must be a positive integer');
    }
    if (typeof event.metadata !== 'object' || event.metadata === null) throw invalid(`events[${i}].metadata`, 'must be an object');
    columns.eventIds.push(event.eventId.toLowerCase());
    columns.types.push(event.type);
    columns.schemaVersions.push(event.schemaVersion);
    columns.data.push(toJsonColumn(`events[${i}].data`, event.data));
    columns.metadata.push(toJsonColumn(`events[${i}].metadata`, event.metadata));
  });
  return columns;
};
