import { type ContractRegistry, type EventContract } from '@rooftop/contracts';
import { z } from 'zod';
import { type RooftopEvents, type RooftopEventType } from './generated/events.js';

/** One event as a handler gets it: the CloudEvent's attributes, data upcast to the current schema version. */
export interface IntegratorEvent<T extends RooftopEventType = RooftopEventType> {
  /** `<context>.<EventType>` */
  readonly type: T;
  /** The CloudEvent id (the event id, UUIDv7): unique, what duplicates share. */
  readonly id: string;
  readonly groupId: string;
  readonly storeId: string;
  /** The store's IANA time zone. */
  readonly storeTimeZone: string;
  /** When it happened (ISO-8601 with offset). */
  readonly time: string;
  /** `time` as a calendar day in the store's zone: the date every KPI and report counts it on. */
  readonly businessDate: string;
  readonly streamId: string;
  readonly streamVersion: number;
  /** Position in the store's log (int64: fits a JS number up to 2^53). */
  readonly position: number;
  /** The store's previous event in this integrator's stream (0 for its first). */
  readonly previousPosition: number;
  /** The integrator stream's sequence: what a checkpoint or a replay names. */
  readonly sequence: number;
  /** The schema version it was written with (`data` is at the contract's current one). */
  readonly writtenSchemaVersion: number;
  /** Data fields replaced by `***` because the grant does not include them. */
  readonly maskedFields: readonly string[];
  readonly data: RooftopEvents[T];
}

export class EventDecodeError extends Error {
  readonly code = 'EVENT_INVALID';
  constructor(
    readonly sequence: number,
    detail: string,
  ) {
    super(`message ${sequence} of the integrator stream is not a valid Rooftop event: ${detail}`);
    this.name = 'EventDecodeError';
  }
}

const TYPE = /^rooftop\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.v([1-9][0-9]*)$/;
const int64 = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

// The attributes a client relies on; anything else in the envelope is ignored (CloudEvents says so).
const envelopeSchema = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  type: z.string().regex(TYPE),
  time: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
  groupid: z.string().min(1),
  storeid: z.string().min(1),
  streamid: z.string().min(1),
  streamversion: int64.min(1),
  position: int64.min(1),
  previousposition: int64,
  schemaversion: int64.min(1),
  storetimezone: z.string().min(1),
  businessdate: z.iso.date(),
  maskedfields: z.string().optional(),
});

const decoder = new TextDecoder('utf-8', { fatal: true });

const schemaOf = (contract: EventContract, version: number): z.ZodType =>
  version === contract.schemaVersion ? contract.schema : contract.history.find((h) => h.schemaVersion === version)!.schema;

/** Validates data, leaving masked fields out of the check (`***` is no phone number) and in the result. */
const check = (schema: z.ZodType, data: Record<string, unknown>, masked: readonly string[], sequence: number): Record<string, unknown> => {
  const lenient =
    masked.length > 0 && schema instanceof z.ZodObject ? schema.omit(Object.fromEntries(masked.map((f) => [f, true])) as Record<string, true>) : schema;
  const parsed = lenient.safeParse(data);
  if (!parsed.success) throw new EventDecodeError(sequence, parsed.error.issues.map((i) => `data.${i.path.join('.')}: ${i.message}`).join('; '));
  return { ...(parsed.data as Record<string, unknown>), ...Object.fromEntries(masked.map((f) => [f, data[f]])) };
};

/** Reads one message of an integrator stream; anything wrong is an EventDecodeError, never another throw. */
export const decodeIntegratorEvent = (bytes: Uint8Array, sequence: number, registry: ContractRegistry): IntegratorEvent => {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new EventDecodeError(sequence, error instanceof Error ? error.message : String(error));
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new EventDecodeError(sequence, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  const e = parsed.data;
  const [, context, eventType, version] = TYPE.exec(e.type)!;
  const contract = registry.event(eventType!);
  if (!contract || contract.context !== context) throw new EventDecodeError(sequence, `unknown event type ${e.type}`);
  const written = Number(version);
  if (written > contract.schemaVersion || (written < contract.schemaVersion && !contract.history.some((h) => h.schemaVersion === written))) {
    throw new EventDecodeError(sequence, `${e.type}: no such schema version (this client knows up to v${contract.schemaVersion}: upgrade it)`);
  }
  const masked = e.maskedfields ? e.maskedfields.split(',') : [];
  let data = check(schemaOf(contract, written), e.data, masked, sequence);
  for (let v = written; v < contract.schemaVersion; v++) {
    const upcast = contract.history.find((h) => h.schemaVersion === v)!.upcast;
    let lifted: unknown;
    try {
      lifted = upcast(data);
    } catch (error) {
      throw new EventDecodeError(sequence, `${e.type} could not be upcast from v${v}: ${error instanceof Error ? error.message : String(error)}`);
    }
    data = check(schemaOf(contract, v + 1), lifted as Record<string, unknown>, masked, sequence);
  }
  return {
    type: `${context}.${eventType}` as RooftopEventType,
    id: e.id,
    groupId: e.groupid,
    storeId: e.storeid,
    storeTimeZone: e.storetimezone,
    time: e.time,
    businessDate: e.businessdate,
    streamId: e.streamid,
    streamVersion: e.streamversion,
    position: e.position,
    previousPosition: e.previousposition,
    sequence,
    writtenSchemaVersion: written,
    maskedFields: masked,
    data: data as RooftopEvents[RooftopEventType],
  };
};
