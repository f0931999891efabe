import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager, type StreamConfig, type StreamSource } from '@nats-io/jetstream';
import { GROUP_STREAM_NAME, groupSourceDeliverPrefix, storeStreamName } from '@rooftop/contracts';
import { ValidationError } from '@rooftop/eventsourcing';
import { type EnsureStreamOutcome, eventLogPolicy, StreamConfigConflictError } from '../jetstream/provision.js';

/** One store as HQ sources it: its event stream lives in the store's own JetStream domain (default: the store id). */
export interface SourcedStore {
  readonly storeId: string;
  readonly domain?: string;
}

export interface GroupStreamOptions {
  readonly groupId: string;
  readonly stores: readonly SourcedStore[];
  /** Default `GROUP_EVENTS`; tests give each run its own. */
  readonly name?: string;
  /**
   * Default -1: bounded by the hub's JetStream storage (`max_file_store`) only, nothing reserved up front. At a
   * limit sourcing pauses (`discard: new`) and resumes when raised; nothing is dropped.
   */
  readonly maxBytes?: number;
  readonly replicas?: number;
}

const DOMAIN = /^[A-Za-z0-9_-]+$/;

/** `$JS.<domain>.API`: where the hub reaches a leaf's JetStream across the leaf-node link. */
export const domainApiPrefix = (domain: string): string => {
  if (!DOMAIN.test(domain))
    throw new ValidationError(`JetStream domain ${JSON.stringify(domain)} is invalid`, [{ path: 'domain', message: 'letters, digits, - and _ only' }]);
  return `$JS.${domain}.API`;
};

const sourceOf = (groupId: string, store: SourcedStore): StreamSource => ({
  name: storeStreamName(groupId, store.storeId),
  // The deliver prefix names the store: the hub's account boundary lets exactly this subject cross to HQ.
  external: { api: domainApiPrefix(store.domain ?? store.storeId), deliver: groupSourceDeliverPrefix(store.storeId) },
});

/**
 * `GROUP_EVENTS` at the hub: no subjects of its own (a subject would capture the leaves' publishes through the
 * leaf-node link and double them), one source per store stream, read through the store's domain API.
 * Sourcing is store-and-forward: a source whose store is unreachable resumes from where it stopped.
 */
export const groupStreamConfig = (options: GroupStreamOptions): Partial<StreamConfig> & { name: string; sources: StreamSource[] } => {
  const ids = options.stores.map((s) => s.storeId);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0)
    throw new ValidationError(
      `store ${twice.join(', ')} listed twice`,
      twice.map((id) => ({ path: 'stores', message: `${id} listed twice` })),
    );
  return {
    name: options.name ?? GROUP_STREAM_NAME,
    description: `Rooftop events of every store of group ${options.groupId}, sourced from the stores' streams`,
    subjects: [],
    ...eventLogPolicy(),
    max_bytes: options.maxBytes ?? -1,
    max_msgs: -1,
    max_age: 0,
    num_replicas: options.replicas ?? 1,
    sources: options.stores.map((store) => sourceOf(options.groupId, store)),
  };
};

const sourceKey = (s: StreamSource): string => `${s.name}@${s.external?.api ?? ''}>${s.external?.deliver ?? ''}`;

/**
 * Creates GROUP_EVENTS or brings its sources to the store directory: a new store adds a source (its whole
 * history flows in), a changed domain or deliver prefix re-points one. Sources are never removed here: a store that left the
 * directory keeps its events at HQ. Storage, retention or discard differing is a StreamConfigConflictError.
 */
export const ensureGroupStream = async (jsm: JetStreamManager, options: GroupStreamOptions): Promise<EnsureStreamOutcome> => {
  const desired = groupStreamConfig(options);
  let existing: StreamConfig;
  try {
    existing = (await jsm.streams.info(desired.name)).config;
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add(desired);
    return 'created';
  }
  const conflicts: { field: string; expected: unknown; actual: unknown }[] = (['storage', 'retention', 'discard'] as const)
    .filter((f) => existing[f] !== desired[f])
    .map((field) => ({ field, expected: desired[field], actual: existing[field] }));
  if ((existing.subjects ?? []).length > 0) conflicts.push({ field: 'subjects', expected: [], actual: existing.subjects });
  if (conflicts.length > 0) throw new StreamConfigConflictError(desired.name, conflicts);
  const current = existing.sources ?? [];
  const byName = new Map(current.map((s) => [s.name, s]));
  for (const source of desired.sources) byName.set(source.name, source);
  const sources = [...byName.values()];
  if (sources.length === current.length && sources.every((s, i) => sourceKey(s) === sourceKey(current[i]!))) return 'unchanged';
  await jsm.streams.update(desired.name, { ...existing, sources });
  return 'updated';
};
