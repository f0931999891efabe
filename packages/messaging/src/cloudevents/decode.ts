import { type ContractRegistry, type EventContract, upcastEvent } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { type CloudEvent, cloudEventSchema, parseCloudEventType } from './envelope.js';

/** A CloudEvent that passed envelope and contract checks, with its data upcast to the current schema. */
export interface DecodedEvent<TData = unknown> {
  /** The envelope exactly as received (data at the schema version it was written with). */
  readonly envelope: CloudEvent;
  readonly contract: EventContract;
  readonly eventId: string;
  readonly context: string;
  /** The event type (`LeadCaptured`). */
  readonly type: string;
  /** The contract's current schema version: `data` has been upcast to it. */
  readonly schemaVersion: number;
  /** The version the event was written with. */
  readonly writtenSchemaVersion: number;
  readonly data: TData;
  readonly groupId: string;
  readonly storeId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: number;
  /** The position of the event before it in the store's log, when the publisher set it. */
  readonly previousPosition?: number;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly commandId?: string;
  readonly traceparent?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

const invalid = (message: string, path: string, detail: string) => new ValidationError(message, [{ path, message: detail }]);

const parseJson = (bytes: Uint8Array | string): unknown => {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : decoder.decode(bytes));
  } catch (error) {
    throw invalid('CloudEvent is not UTF-8 JSON', '(root)', error instanceof Error ? error.message : String(error));
  }
};

/** Upcasters are plain functions: one that throws is reported as invalid data, not as a crash. */
const upcast = (contract: EventContract, schemaVersion: number, data: unknown): unknown => {
  try {
    return upcastEvent(contract, schemaVersion, data);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw invalid(`${contract.type} v${schemaVersion} could not be upcast`, 'data', error instanceof Error ? error.message : String(error));
  }
};

/**
 * Reads a structured-mode CloudEvent: checks the envelope, finds the event's contract by type, validates the
 * data against the schema version it was written with and upcasts it to the current one. Anything wrong
 * (garbage bytes, unknown type, invalid data) is a ValidationError; it never throws anything else.
 */
export const decodeCloudEvent = (bytes: Uint8Array | string, registry: ContractRegistry): DecodedEvent => {
  const parsed = cloudEventSchema.safeParse(parseJson(bytes));
  if (!parsed.success) {
    throw new ValidationError(
      `CloudEvent envelope is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const envelope = parsed.data as CloudEvent;
  // The pattern was checked by the schema, so the parse cannot fail here.
  const { context, eventType, schemaVersion } = parseCloudEventType(envelope.type)!;
  if (schemaVersion !== envelope.schemaversion) {
    throw invalid(`CloudEvent type ${envelope.type} disagrees with schemaversion ${envelope.schemaversion}`, 'schemaversion', 'must match the type suffix');
  }
  const contract = registry.event(eventType);
  if (!contract || contract.context !== context) {
    throw invalid(`unknown event type ${envelope.type}`, 'type', `no contract for ${context}.${eventType}`);
  }
  if (envelope.maskedfields !== undefined) {
    throw invalid(`${envelope.type} ${envelope.id} has masked personal data and cannot be validated`, 'maskedfields', envelope.maskedfields);
  }
  const data = upcast(contract, schemaVersion, envelope.data);
  return {
    envelope,
    contract,
    eventId: envelope.id,
    context,
    type: eventType,
    schemaVersion: contract.schemaVersion,
    writtenSchemaVersion: schemaVersion,
    data,
    groupId: envelope.groupid,
    storeId: envelope.storeid,
    streamId: envelope.streamid,
    streamVersion: envelope.streamversion,
    position: envelope.position,
    ...(envelope.previousposition !== undefined ? { previousPosition: envelope.previousposition } : {}),
    occurredAt: envelope.time,
    correlationId: envelope.correlationid,
    ...(envelope.causationid !== undefined ? { causationId: envelope.causationid } : {}),
    ...(envelope.commandid !== undefined ? { commandId: envelope.commandid } : {}),
    ...(envelope.traceparent !== undefined ? { traceparent: envelope.traceparent } : {}),
  };
};
