import { type EventStore, type PoisonPolicy } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type Registry } from 'prom-client';
import { applyLiveBatch } from './batch.js';
import { type Checkpoint, countDeadLetters, readAllCheckpoints, readCheckpoint } from './checkpoints.js';
import { type PgProjection, type ProjectionLogger, stderrLogger } from './context.js';
import { ProjectionConfigError, ProjectionStoppedError, UnknownProjectionError } from './errors.js';
import { ProjectionMetrics } from './metrics.js';
import { assertProjectionName, assertSchemaName } from './names.js';
import { describeError } from './poison.js';
import { rebuildProjection } from './rebuild.js';
import { type Runtime, sleep } from './runtime.js';
import { initialiseProjections, resumeProjection } from './setup.js';

export interface ProjectionRunnerOptions {
  readonly pool: pg.Pool;
  readonly store: EventStore;
  readonly projections: readonly PgProjection[];
  /** Events per read and per transaction (default 500). */
  readonly batchSize?: number;
  /** What a poison event does to its projection (default `park`). */
  readonly poison?: PoisonPolicy;
  /** Schema of the stable read views (default `read`). */
  readonly readSchema?: string;
  readonly logger?: ProjectionLogger;
  /** Where the runner registers its metrics (default: a private registry). */
  readonly metrics?: Registry;
  /** Pause before a loop retries after a database or store failure (default 1000 ms). */
  readonly retryDelayMs?: number;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly status: 'running' | 'stopped' | 'rebuilding';
  /** The version the live generation was built with. */
  readonly version: number;
  readonly codeVersion: number;
  readonly generation: number;
  readonly position: number;
  readonly deadLetters: number;
  readonly updatedAt: Date;
}

/**
 * Runs PostgreSQL projections: one loop per projection follows the log from its checkpoint and commits each
 * batch with the checkpoint; rebuilds build a new table set beside the live one and swap the read views.
 */
export class ProjectionRunner {
  private readonly runtime: Runtime;
  private readonly projections = new Map<string, PgProjection>();
  private readonly loops = new Map<string, Promise<void>>();
  private readonly rebuilding = new Set<string>();
  private readonly retryDelayMs: number;
  private controller: AbortController | undefined;
  private initialised: Promise<void> | undefined;

  constructor(options: ProjectionRunnerOptions) {
    const batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new ProjectionConfigError('batchSize must be a positive integer', { batchSize });
    const poison = options.poison ?? 'park';
    if (poison !== 'park' && poison !== 'stop') throw new ProjectionConfigError(`unknown poison policy ${String(poison)}`, { poison });
    const readSchema = options.readSchema ?? 'read';
    assertSchemaName(readSchema);
    for (const projection of options.projections) {
      assertProjectionName(projection.name);
      if (!Number.isInteger(projection.version) || projection.version < 1) {
        throw new ProjectionConfigError(`projection ${projection.name} needs a positive integer version`, { version: projection.version });
      }
      if (this.projections.has(projection.name)) throw new ProjectionConfigError(`projection ${projection.name} is registered twice`);
      this.projections.set(projection.name, projection);
    }
    const metrics = ProjectionMetrics.for(options.metrics);
    this.runtime = { pool: options.pool, store: options.store, batchSize, poison, readSchema, logger: options.logger ?? stderrLogger, metrics };
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /** Creates missing checkpoints and first generations, then follows the log live until `stop()`. */
  async start(): Promise<void> {
    await this.init();
    if (this.controller) return;
    this.controller = new AbortController();
    for (const projection of this.projections.values()) this.ensureLoop(projection);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    this.controller = undefined;
    await Promise.all(this.loops.values());
  }

  /** Brings every projection up to the log's current head (rebuilding a changed version first) and returns. */
  async runUntilCaughtUp(): Promise<ProjectionStatus[]> {
    await this.init();
    await Promise.all([...this.projections.values()].map((projection) => this.catchUp(projection)));
    return this.status();
  }

  /** Rebuilds one projection from position 0 into a new table set and swaps it in; reads never stop. */
  async rebuild(name: string): Promise<ProjectionStatus> {
    const projection = this.projection(name);
    await this.init();
    await this.runRebuild(projection, {});
    this.ensureLoop(projection);
    return this.statusOf(name);
  }

  /** Lets a projection stopped on a poison event retry from that event (after its code was fixed). */
  async resume(name: string): Promise<ProjectionStatus> {
    const projection = this.projection(name);
    await this.init();
    await resumeProjection(this.runtime.pool, name);
    this.ensureLoop(projection);
    return this.statusOf(name);
  }

  async status(): Promise<ProjectionStatus[]> {
    await this.init();
    const rows = new Map((await readAllCheckpoints(this.runtime.pool)).map((row) => [row.name, row]));
    const deadLetters = await countDeadLetters(this.runtime.pool);
    return [...this.projections.values()].flatMap((projection) => {
      const row = rows.get(projection.name);
      if (!row) return [];
      return [
        {
          name: projection.name,
          status: this.rebuilding.has(projection.name) ? 'rebuilding' : row.status,
          version: row.version,
          codeVersion: projection.version,
          generation: row.generation,
          position: row.position,
          deadLetters: deadLetters.get(projection.name) ?? 0,
          updatedAt: row.updatedAt,
        } satisfies ProjectionStatus,
      ];
    });
  }

  private async statusOf(name: string): Promise<ProjectionStatus> {
    const found = (await this.status()).find((entry) => entry.name === name);
    if (!found) throw new UnknownProjectionError(name);
    return found;
  }

  private projection(name: string): PgProjection {
    const projection = this.projections.get(name);
    if (!projection) throw new UnknownProjectionError(name);
    return projection;
  }

  private init(): Promise<void> {
    this.initialised ??= initialiseProjections(this.runtime, [...this.projections.values()]).catch((error: unknown) => {
      this.initialised = undefined;
      throw error;
    });
    return this.initialised;
  }

  private ensureLoop(projection: PgProjection): void {
    const signal = this.controller?.signal;
    if (!signal || this.loops.has(projection.name)) return;
    const loop = this.follow(projection, signal).finally(() => this.loops.delete(projection.name));
    this.loops.set(projection.name, loop);
  }

  private async runRebuild(projection: PgProjection, options: { signal?: AbortSignal; onlyIfVersionChanged?: boolean }) {
    this.rebuilding.add(projection.name);
    try {
      return await rebuildProjection(this.runtime, projection, options);
    } finally {
      this.rebuilding.delete(projection.name);
    }
  }

  /** Decides what a loop may do with the stored checkpoint: go on, rebuild to this version first, or leave it. */
  private async settle(projection: PgProjection, signal?: AbortSignal): Promise<Checkpoint | undefined> {
    const { logger } = this.runtime;
    let row = await readCheckpoint(this.runtime.pool, projection.name);
    if (row && row.version < projection.version) {
      try {
        await this.runRebuild(projection, { onlyIfVersionChanged: true, ...(signal ? { signal } : {}) });
      } catch (error) {
        if (!(error instanceof ProjectionStoppedError)) throw error;
      }
      row = await readCheckpoint(this.runtime.pool, projection.name);
    }
    if (!row || signal?.aborted) return undefined;
    if (row.status === 'stopped') {
      logger.warn({ projection: projection.name, position: row.position }, 'projection is stopped on a poison event; fix it, then resume or rebuild');
      return undefined;
    }
    if (row.version !== projection.version) {
      logger.error(
        { projection: projection.name, stored: row.version, code: projection.version },
        'projection version differs from this code; leaving it alone',
      );
      return undefined;
    }
    return row;
  }

  private async catchUp(projection: PgProjection): Promise<void> {
    let row = await this.settle(projection);
    while (row) {
      const batch = await this.runtime.store.readAll({ after: row.position, maxCount: this.runtime.batchSize, eventTypes: projection.eventTypes });
      if (batch.checkpoint <= row.position) return;
      const result = await applyLiveBatch(this.runtime, projection, row.position, batch);
      if (result.kind === 'stopped') return;
      row = result.kind === 'moved' ? await this.settle(projection) : { ...row, position: result.position };
    }
  }

  private async follow(projection: PgProjection, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const row = await this.settle(projection, signal);
        if (!row || (await this.tail(projection, row.position, signal)) === 'stopped') return;
      } catch (error) {
        if (signal.aborted) return;
        this.runtime.logger.error({ projection: projection.name, err: describeError(error) }, 'projection loop failed; retrying');
        await sleep(this.retryDelayMs, signal);
      }
    }
  }

  /** Applies live batches until the checkpoint moves under us (swap, other runner), a stop, or shutdown. */
  private async tail(projection: PgProjection, from: number, signal: AbortSignal): Promise<'moved' | 'stopped' | 'ended'> {
    const subscription = new AbortController();
    const abort = () => subscription.abort();
    signal.addEventListener('abort', abort, { once: true });
    let position = from;
    try {
      const batches = this.runtime.store.subscribe({
        after: from,
        batchSize: this.runtime.batchSize,
        eventTypes: projection.eventTypes,
        signal: subscription.signal,
      });
      for await (const batch of batches) {
        if (signal.aborted) return 'ended';
        const result = await applyLiveBatch(this.runtime, projection, position, batch);
        if (result.kind !== 'committed') return result.kind;
        position = result.position;
      }
      return 'ended';
    } finally {
      signal.removeEventListener('abort', abort);
      subscription.abort();
    }
  }
}
