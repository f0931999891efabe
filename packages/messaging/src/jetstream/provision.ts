import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  type StreamConfig,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { DEAD_LETTER_STREAM, DEAD_LETTER_SUBJECTS, storeEventsFilter, storeStreamName } from '@rooftop/contracts';
import { RooftopError } from '@rooftop/eventsourcing';

/** An existing stream is set up in a way provisioning must not silently change (it would lose or re-route data). */
export class StreamConfigConflictError extends RooftopError {
  constructor(
    readonly stream: string,
    readonly differences: ReadonlyArray<{ field: string; expected: unknown; actual: unknown }>,
  ) {
    super(
      'STREAM_CONFIG_CONFLICT',
      `stream ${stream} exists with a conflicting config: ${differences.map((d) => `${d.field} is ${JSON.stringify(d.actual)}, expected ${JSON.stringify(d.expected)}`).join('; ')}`,
      { stream, differences },
    );
  }
}

export type EnsureStreamOutcome = 'created' | 'unchanged' | 'updated';

export interface StreamLimits {
  /** Dedup window for `Nats-Msg-Id` (default 2 min): a relay restarted within it re-publishes harmlessly. */
  readonly duplicateWindowMs?: number;
  /** Default 10 GiB. At the limit the stream rejects publishes (`discard: new`); nothing is dropped. */
  readonly maxBytes?: number;
  /** Default unlimited (-1). */
  readonly maxMsgs?: number;
  /** Default 0 (kept forever): HQ and integrators replay from the start. */
  readonly maxAgeMs?: number;
  /** Default 1 MiB: a larger event is rejected, and the relay stops there rather than skip it. */
  readonly maxMsgSize?: number;
  /** Default 1 (a single server); 3 in a cluster. */
  readonly replicas?: number;
}

export interface StoreStreamOptions extends StreamLimits {
  readonly groupId: string;
  readonly storeId: string;
}

export const STORE_STREAM_DEFAULTS = {
  duplicateWindowMs: 2 * 60_000,
  maxBytes: 10 * 1024 ** 3,
  maxMsgs: -1,
  maxAgeMs: 0,
  maxMsgSize: 1024 ** 2,
  replicas: 1,
} as const;

/**
 * What every Rooftop event log on JetStream is (store, group and integrator streams): file-backed, kept by limits,
 * refusing publishes at a limit instead of dropping the oldest events, re-publishes deduplicated for the window.
 */
export const eventLogPolicy = () =>
  ({
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(STORE_STREAM_DEFAULTS.duplicateWindowMs),
  }) as const;

export { DEAD_LETTER_STREAM, DEAD_LETTER_SUBJECTS };

type Desired = Pick<
  StreamConfig,
  | 'name'
  | 'subjects'
  | 'storage'
  | 'retention'
  | 'discard'
  | 'duplicate_window'
  | 'max_bytes'
  | 'max_msgs'
  | 'max_age'
  | 'max_msg_size'
  | 'num_replicas'
  | 'description'
>;

// Changing these would re-route, lose or silently drop data, so a mismatch is reported, never "fixed".
const IDENTITY_FIELDS = ['subjects', 'storage', 'retention', 'discard'] as const;
const TUNABLE_FIELDS = ['duplicate_window', 'max_bytes', 'max_msgs', 'max_age', 'max_msg_size', 'num_replicas', 'description'] as const;

const same = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]) : a === b;

// JetStream API error 10058: "stream name already in use with a different configuration".
const STREAM_NAME_IN_USE = 10058;

const isStreamNotFound = (error: unknown): boolean => error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;

/**
 * Creates the stream, or checks an existing one: identity fields (subjects, storage, retention, discard)
 * must match or a StreamConfigConflictError names each difference; limits are updated in place.
 */
export const ensureStream = async (jsm: JetStreamManager, desired: Desired): Promise<EnsureStreamOutcome> => {
  let existing: StreamConfig;
  try {
    existing = (await jsm.streams.info(desired.name)).config;
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      await jsm.streams.add(desired);
      return 'created';
    } catch (addError) {
      // Another process created it between our info and add: fall through and compare with theirs.
      if (!(addError instanceof JetStreamApiError && addError.code === STREAM_NAME_IN_USE)) throw addError;
      existing = (await jsm.streams.info(desired.name)).config;
    }
  }
  const conflicts = IDENTITY_FIELDS.filter((f) => !same(existing[f], desired[f])).map((field) => ({
    field,
    expected: desired[field],
    actual: existing[field],
  }));
  if (conflicts.length > 0) throw new StreamConfigConflictError(desired.name, conflicts);
  const changed = TUNABLE_FIELDS.filter((f) => !same(existing[f] ?? '', desired[f] ?? ''));
  if (changed.length === 0) return 'unchanged';
  await jsm.streams.update(desired.name, { ...existing, ...Object.fromEntries(changed.map((f) => [f, desired[f]])) });
  return 'updated';
};

/** The desired config of one store's event stream (exported so docs and tests read the same numbers). */
export const storeStreamConfig = (options: StoreStreamOptions): Desired => {
  const limits = { ...STORE_STREAM_DEFAULTS, ...stripUndefined(options) };
  return {
    name: storeStreamName(options.groupId, options.storeId),
    description: `Rooftop events of store ${options.storeId} in group ${options.groupId}`,
    subjects: [storeEventsFilter(options.groupId, options.storeId)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(limits.duplicateWindowMs),
    max_bytes: limits.maxBytes,
    max_msgs: limits.maxMsgs,
    max_age: nanos(limits.maxAgeMs),
    max_msg_size: limits.maxMsgSize,
    num_replicas: limits.replicas,
  };
};

const stripUndefined = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Provisions `STORE_EVENTS_<GROUP>_<STORE>`; idempotent. */
export const ensureStoreStream = async (jsm: JetStreamManager, options: StoreStreamOptions): Promise<EnsureStreamOutcome> =>
  ensureStream(jsm, storeStreamConfig(options));

/**
 * The `DEAD_LETTERS` stream (`rooftop.dlq.>`): consumers park messages here after their last failed delivery.
 * Dead letters expire after `maxAgeMs` (default 30 days); when full it rejects new ones, so a consumer keeps
 * the original message un-acked instead of losing it.
 */
export const ensureDeadLetterStream = async (
  jsm: JetStreamManager,
  limits: Pick<StreamLimits, 'maxBytes' | 'maxAgeMs' | 'replicas'> = {},
): Promise<EnsureStreamOutcome> =>
  ensureStream(jsm, {
    name: DEAD_LETTER_STREAM,
    description: 'Rooftop messages a durable consumer gave up on, with the error',
    subjects: [DEAD_LETTER_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(STORE_STREAM_DEFAULTS.duplicateWindowMs),
    max_bytes: limits.maxBytes ?? 1024 ** 3,
    max_msgs: -1,
    max_age: nanos(limits.maxAgeMs ?? 30 * 24 * 3_600_000),
    max_msg_size: -1,
    num_replicas: limits.replicas ?? 1,
  });
