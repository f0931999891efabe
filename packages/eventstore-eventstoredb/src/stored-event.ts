import { type EventMetadata, type NewEvent, type RecordedEvent, ValidationError } from '@rooftop/eventsourcing';

/**
 * How a Rooftop event sits in an EventStoreDB record. The record's id is the event id, its type the event
 * type, its data the event's JSON data. Multi-stream appends take metadata only as string properties, so the
 * rest travels as one JSON string property, `rooftop`:
 * `{ v: 1, schemaVersion, metadata, position?, recordedAt? }` — `position` and `recordedAt` only on events
 * copied from another store (the migration keeps their original values).
 */
export const ROOFTOP_PROPERTY = 'rooftop';
const FORMAT = 1;

/** Streams whose names start with this prefix hold the adapter's own records, never domain events. */
export const RESERVED_PREFIX = '_rooftop-';

export interface StoredEnvelope {
  readonly v: typeof FORMAT;
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
  /** The Rooftop position the event had in the store it was copied from. */
  readonly position?: number;
  readonly recordedAt?: string;
}

export interface OutgoingRecord {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (path: string, message: string) => new ValidationError(`${path} ${message}`, [{ path, message }]);

const jsonText = (path: string, value: unknown): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw invalid(path, `is not serialisable to JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === undefined) throw invalid(path, 'is not serialisable to JSON');
  return text;
};

/** The record of one event; throws ValidationError before anything is sent. */
export const toRecord = (event: NewEvent, index: number, copied?: { position: number; recordedAt: Date }): OutgoingRecord => {
  const at = `events[${index}]`;
  if (typeof event !== 'object' || event === null) throw invalid(at, 'must be an object');
  if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) throw invalid(`${at}.eventId`, 'must be a UUID');
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
    throw invalid(`${at}.type`, 'must be a non-empty string not starting with $ (EventStoreDB reserves those)');
  }
  if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) throw invalid(`${at}.schemaVersion`, 'must be a positive integer');
  if (typeof event.metadata !== 'object' || event.metadata === null) throw invalid(`${at}.metadata`, 'must be an object');
  const envelope: StoredEnvelope = {
    v: FORMAT,
    schemaVersion: event.schemaVersion,
    metadata: event.metadata,
    ...(copied ? { position: copied.position, recordedAt: copied.recordedAt.toISOString() } : {}),
  };
  const data: unknown = JSON.parse(jsonText(`${at}.data`, event.data));
  return { id: event.eventId.toLowerCase(), type: event.type, data, metadata: { [ROOFTOP_PROPERTY]: jsonText(`${at}.metadata`, envelope) } };
};

/** A record as the client reads it, reduced to what the mapping needs. */
export interface IncomingRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The envelope of a Rooftop record, undefined for a record this adapter did not write (system records,
 * another application's, the adapter's own bookkeeping), and a reason string for one that claims to be
 * Rooftop's but is malformed.
 */
export const envelopeOf = (record: Pick<IncomingRecord, 'streamId' | 'metadata'>): StoredEnvelope | undefined | string => {
  if (record.streamId.startsWith('$') || record.streamId.startsWith(RESERVED_PREFIX)) return undefined;
  if (!isObject(record.metadata) || typeof record.metadata[ROOFTOP_PROPERTY] !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.metadata[ROOFTOP_PROPERTY]);
  } catch {
    return 'its rooftop property is not JSON';
  }
  if (!isObject(parsed) || parsed.v !== FORMAT) return 'its rooftop property has an unknown format';
  if (!Number.isInteger(parsed.schemaVersion) || (parsed.schemaVersion as number) < 1) return 'schemaVersion is not a positive integer';
  if (!isObject(parsed.metadata)) return 'metadata is not an object';
  if (parsed.position !== undefined && !(Number.isSafeInteger(parsed.position) && (parsed.position as number) > 0))
    return 'position is not a positive safe integer';
  if (parsed.recordedAt !== undefined && (typeof parsed.recordedAt !== 'string' || Number.isNaN(Date.parse(parsed.recordedAt))))
    return 'recordedAt is not a timestamp';
  return parsed as unknown as StoredEnvelope;
};

/** The Rooftop event a record holds, at the version and position the caller computed. */
export const toRecordedEvent = (record: IncomingRecord, envelope: StoredEnvelope, streamVersion: number, globalPosition: number): RecordedEvent => ({
  eventId: record.id.toLowerCase(),
  type: record.type,
  data: record.data,
  schemaVersion: envelope.schemaVersion,
  metadata: envelope.metadata,
  streamId: record.streamId,
  streamVersion,
  globalPosition,
  recordedAt: envelope.recordedAt === undefined ? record.created : new Date(envelope.recordedAt),
});
