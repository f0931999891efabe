/** Who issued a command: a user (with roles) or the system itself (a reaction or a scheduled command). */
export interface Actor {
  readonly kind: 'user' | 'system';
  readonly id: string;
  readonly roles?: readonly string[];
}

/** What a decider emits: a type and its payload. Ids, positions and metadata are added by the handler. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

export interface EventMetadata {
  readonly storeId: string;
  readonly groupId: string;
  readonly commandId?: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: Actor;
  /** When the business fact happened (ISO-8601), taken from the command's `now`. */
  readonly occurredAt: string;
  /** W3C trace context, carried from the command into the event and on to NATS headers. */
  readonly traceparent?: string;
}

/** An event ready to append. */
export interface NewEvent<TType extends string = string, TData = unknown> extends DomainEvent<TType, TData> {
  /** UUIDv7. */
  readonly eventId: string;
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
}

/** An event as stored. `streamVersion` starts at 1 per stream; `globalPosition` is the store-wide log order. */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<TType, TData> {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly recordedAt: Date;
}

/** Streams are named `<context>-<aggregate>-<id>`. */
export const streamName = (context: string, aggregate: string, id: string): string => `${context}-${aggregate}-${id}`;

/** The context of a stream name (`sales-lead-123` → `sales`). */
export const contextOfStream = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));
