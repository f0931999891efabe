import { assertReadSchema } from './params.js';
import { type Queryable } from './sql.js';

/**
 * The projections' checkpoints, as one string: each projection's generation and position. The runner moves a
 * checkpoint in the same transaction as the rows it wrote (and a rebuild's swap moves the generation with the
 * views), so while the string is unchanged the fact tables are too. Undefined when a projection has no
 * checkpoint row (or the runner's schema is missing or not readable): then nothing is cached.
 */
const checkpointStamp = async (db: Queryable, projections: readonly string[]): Promise<string | undefined> => {
  let rows: { name: string; generation: number; position: string }[];
  try {
    ({ rows } = await db.query<{ name: string; generation: number; position: string }>(
      'SELECT name, generation, position::text AS position FROM projections.checkpoints WHERE name = ANY($1::text[]) ORDER BY name',
      [projections],
    ));
  } catch (error) {
    // No runner schema here, or a reader role that may not see it: then nothing is cached.
    if (['42P01', '3F000', '42501'].includes((error as { code?: string }).code ?? '')) return undefined;
    throw error;
  }
  if (rows.length !== projections.length) return undefined;
  return rows.map((r) => `${r.name}:${r.generation}:${r.position}`).join(',');
};

/**
 * The HQ projector's checkpoint (`<schema>.projector_checkpoint`: the last group-stream sequence applied, moved in
 * the same transaction as every batch of rows), as one string; undefined when it has no row yet.
 */
const projectorStamp = async (db: Queryable, readSchema: string): Promise<string | undefined> => {
  const { rows } = await db.query<{ durable: string; seq: string }>(
    `SELECT durable, stream_seq::text AS seq FROM ${readSchema}.projector_checkpoint ORDER BY durable`,
  );
  return rows.length > 0 ? rows.map((r) => `${r.durable}:${r.seq}`).join(',') : undefined;
};

/**
 * One read shared by the callers that ask while it is not yet sent: a caller joins the read queued behind the
 * one in flight, or starts one when none is. Every caller's read therefore starts after the caller asked — a
 * write committed before a request arrived is never hidden from it — while N concurrent requests cost one
 * or two round trips instead of N.
 */
class SharedRead<T> {
  private running: Promise<T> | undefined;
  private queued: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  next(): Promise<T> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const settled = () => undefined;
    this.queued = this.running.then(settled, settled).then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<T> {
    const read = this.read();
    this.running = read;
    const done = () => {
      if (this.running === read) this.running = undefined;
    };
    read.then(done, done);
    return read;
  }
}

/** Who writes a read schema: a store's projection runner, or the HQ projector (it keeps its own checkpoint). */
type Writer = 'runner' | 'projector';

interface Entry {
  readonly stamp: string;
  readonly value: Promise<unknown>;
}

export interface KpiQueryCacheOptions {
  /** Results kept (least recently used dropped first); default 256. */
  readonly maxEntries?: number;
}

/**
 * A small result cache for `queryKpis` (pass it as `options.cache`) and other reads of the fact tables (a
 * report page): keyed by the query — for KPIs the parsed names, the stores it is scoped to, range,
 * granularity, breakdown and the read schema; an entry is served only while the checkpoints of the
 * projections behind it are unchanged (one indexed read of `projections.checkpoints`, at HQ of the HQ
 * projector's checkpoint in the read schema, which concurrent calls share — see SharedRead). Identical
 * queries running at the same time share one computation. One cache serves one database; cached values are
 * shared, so callers must not mutate them.
 */
export class KpiQueryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly writers = new Map<string, Promise<Writer>>();
  private readonly stamps = new WeakMap<Queryable, Map<string, SharedRead<string | undefined>>>();
  private readonly maxEntries: number;
  hits = 0;
  misses = 0;

  constructor(options: KpiQueryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 256;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * `compute()` unless an entry of `key` was stamped with the current checkpoints of what wrote the facts: the
   * projections' (a store's runner) or, for a `readSchema` the HQ projector writes, the projector's. The
   * checkpoint read starts after this call and is shared with the calls made while it waits to be sent.
   */
  async through<T>(db: Queryable, key: string, projections: readonly string[], compute: () => Promise<T>, readSchema?: string): Promise<T> {
    const writer = readSchema === undefined ? 'runner' : await this.writerOf(db, readSchema);
    const stamp = await this.stampOf(db, writer, projections, readSchema);
    if (stamp === undefined) return compute();
    const cached = this.entries.get(key);
    this.entries.delete(key);
    if (cached && cached.stamp === stamp) {
      this.entries.set(key, cached);
      this.hits += 1;
      return (await cached.value) as T;
    }
    this.misses += 1;
    // Stamped with the checkpoints read *before* the facts: the facts are at least that new, never older.
    const value = compute();
    const entry: Entry = { stamp, value };
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** The checkpoints behind `projections` (or the HQ projector's), read after this call; concurrent callers share the read. */
  private stampOf(db: Queryable, writer: Writer, projections: readonly string[], readSchema: string | undefined): Promise<string | undefined> {
    const key = writer === 'projector' ? `projector ${readSchema}` : `runner ${projections.join(',')}`;
    let reads = this.stamps.get(db);
    if (!reads) {
      reads = new Map();
      this.stamps.set(db, reads);
    }
    let shared = reads.get(key);
    if (!shared) {
      shared = new SharedRead(() => (writer === 'projector' ? projectorStamp(db, readSchema!) : checkpointStamp(db, projections)));
      reads.set(key, shared);
    }
    return shared.next();
  }

  /** Asked once per read schema (a schema does not change writers): does it hold the HQ projector's checkpoint? */
  private writerOf(db: Queryable, readSchema: string): Promise<Writer> {
    let writer = this.writers.get(readSchema);
    if (!writer) {
      assertReadSchema(readSchema);
      writer = db
        .query<{ projector: boolean }>('SELECT to_regclass($1) IS NOT NULL AS projector', [`${readSchema}.projector_checkpoint`])
        .then(({ rows }) => (rows[0]?.projector ? 'projector' : 'runner'));
      this.writers.set(readSchema, writer);
      writer.catch(() => this.writers.delete(readSchema));
    }
    return writer;
  }
}
