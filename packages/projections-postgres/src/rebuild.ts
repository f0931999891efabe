import type pg from 'pg';
import { type ReadAllResult } from '@rooftop/eventsourcing';
import { type Checkpoint, lockCheckpoint, readCheckpoint, writeCheckpoint } from './checkpoints.js';
import { type PgProjection } from './context.js';
import { ProjectionStoppedError, RebuildAbortedError } from './errors.js';
import { generationSchema, quoteIdent } from './names.js';
import { applyWithPoison, isInfrastructureFailure, type PoisonEvent, recordDeadLetter } from './poison.js';
import { reportPoison, sleep, transact, type Runtime } from './runtime.js';
import { createTableSet, dropOtherTableSets, dropTableSet, repointViews } from './table-sets.js';

/** Session advisory lock namespace: one rebuild per projection across every runner on this database. */
const REBUILD_LOCK = "hashtext('rooftop.projections.rebuild')";

const acquireRebuildLock = async (client: pg.PoolClient, name: string, signal?: AbortSignal): Promise<boolean> => {
  while (!signal?.aborted) {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${REBUILD_LOCK}, hashtext($1)) AS ok`, [name]);
    if (rows[0]?.ok) return true;
    await sleep(200, signal);
  }
  return false;
};

interface Target {
  readonly schema: string;
  position: number;
}

/** Inside the swap transaction: applies the next batch after `target.position`; false when the reader is at the head. */
const replayBatch = async (runtime: Runtime, client: pg.PoolClient, projection: PgProjection, target: Target, reported: PoisonEvent[]): Promise<boolean> => {
  const batch = await runtime.store.readAll({ after: target.position, maxCount: runtime.batchSize, eventTypes: projection.eventTypes });
  if (batch.checkpoint <= target.position) return false;
  await client.query(`SET LOCAL search_path TO ${quoteIdent(target.schema)}`);
  const outcome = await applyWithPoison(projection, batch.events, { client, schema: target.schema }, runtime.poison);
  if (outcome.kind === 'stopped') throw new StoppedDuringRebuild(outcome.culprit);
  reported.push(...outcome.parked);
  target.position = batch.checkpoint;
  return true;
};

/**
 * Applies a batch already read into the new table set, in a transaction of its own. The transaction holds
 * nothing but this batch, so the common case needs no savepoint: BEGIN and the settings go in one round
 * trip, then the batch, then COMMIT. If the batch fails for a reason other than the database, the transaction is
 * rolled back and the batch applied again with savepoints (applyWithPoison), which finds the culprit(s)
 * exactly as the live loop does.
 */
const applyReplayed = async (
  runtime: Runtime,
  client: pg.PoolClient,
  projection: PgProjection,
  target: Target,
  batch: ReadAllResult,
  reported: PoisonEvent[],
): Promise<void> => {
  // A replay batch need not wait for its WAL flush: until the swap nothing reads the new table set, a crash
  // abandons the rebuild (the next one drops the half-built schema and starts from 0), and the swap commits
  // synchronously, which flushes the WAL of every batch before it.
  const setup = `SET LOCAL search_path TO ${quoteIdent(target.schema)}; SET LOCAL synchronous_commit TO off`;
  await client.query(`BEGIN; ${setup}`);
  try {
    if (batch.events.length > 0) await projection.apply(batch.events, { client, schema: target.schema });
    await client.query('COMMIT');
    target.position = batch.checkpoint;
    return;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (isInfrastructureFailure(error)) throw error;
  }
  await transact(client, async (tx) => {
    await tx.query(setup);
    const outcome = await applyWithPoison(projection, batch.events, { client: tx, schema: target.schema }, runtime.poison);
    if (outcome.kind === 'stopped') throw new StoppedDuringRebuild(outcome.culprit);
    reported.push(...outcome.parked);
  });
  target.position = batch.checkpoint;
};

/**
 * Replays from position 0 up to the head seen at the start and the live checkpoint, one transaction per batch
 * (a long replay never holds one huge transaction open: any open writing transaction holds back every tailing
 * reader on the server). Chasing the moving head would never end under a steady append rate; the swap closes
 * the small remaining gap under lock. The next batch is read on another pooled connection while this one is
 * applied, so reading (and decoding) overlaps writing.
 */
const replayToHead = async (
  runtime: Runtime,
  client: pg.PoolClient,
  projection: PgProjection,
  target: Target,
  reported: PoisonEvent[],
  signal?: AbortSignal,
): Promise<void> => {
  const read = (after: number): Promise<ReadAllResult> => {
    const batch = runtime.store.readAll({ after, maxCount: runtime.batchSize, eventTypes: projection.eventTypes });
    // Marked handled at once: a read-ahead may fail while the previous batch is applied, or be left unused.
    batch.catch(() => undefined);
    return batch;
  };
  const headAtStart = await runtime.store.headPosition();
  let next = read(target.position);
  while (!signal?.aborted) {
    const batch = await next;
    if (batch.checkpoint <= target.position) return;
    next = read(batch.checkpoint);
    await applyReplayed(runtime, client, projection, target, batch, reported);
    if (target.position >= headAtStart) {
      const current = await readCheckpoint(client, projection.name);
      if (target.position >= (current?.position ?? 0)) return;
    }
  }
};

class StoppedDuringRebuild extends Error {
  constructor(readonly culprit: PoisonEvent) {
    super(culprit.error);
  }
}

/**
 * Builds generation N+1 from position 0 while generation N keeps serving reads (and, if the version did not
 * change, keeps being updated by the live loop). Once caught up to the head, one transaction locks the
 * checkpoint row (the live loop waits on it), applies the few events the live generation got meanwhile,
 * repoints the read views and moves the checkpoint to the new generation; then the old schema is dropped.
 * An interrupted rebuild leaves the live generation untouched; its leftover schema is dropped next time.
 */
export const rebuildProjection = async (
  runtime: Runtime,
  projection: PgProjection,
  options: { signal?: AbortSignal; onlyIfVersionChanged?: boolean } = {},
): Promise<Checkpoint | undefined> => {
  const { signal } = options;
  const client = await runtime.pool.connect();
  let failed = false;
  try {
    if (!(await acquireRebuildLock(client, projection.name, signal))) return undefined;
    try {
      // Another runner may have rebuilt this version while we waited for the lock.
      const live = await readCheckpoint(client, projection.name);
      if (options.onlyIfVersionChanged && live?.version === projection.version) return live;
      return await rebuildLocked(runtime, client, projection, signal);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${REBUILD_LOCK}, hashtext($1))`, [projection.name]);
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.release(failed);
  }
};

const rebuildLocked = async (runtime: Runtime, client: pg.PoolClient, projection: PgProjection, signal?: AbortSignal) => {
  const live = await readCheckpoint(client, projection.name);
  if (!live) throw new RebuildAbortedError(projection.name, 'the projection has no checkpoint yet; start the runner first');
  await dropOtherTableSets(client, projection.name, live.generation);
  const generation = live.generation + 1;
  const target: Target = { schema: generationSchema(projection.name, generation), position: 0 };
  runtime.logger.info({ projection: projection.name, generation }, 'projection rebuild started');
  const reported: PoisonEvent[] = [];
  try {
    await transact(client, (tx) => createTableSet(tx, projection, generation));
    await replayToHead(runtime, client, projection, target, reported, signal);
    if (signal?.aborted) {
      await dropTableSet(client, target.schema);
      return undefined;
    }
    const swapped = await transact(client, async (tx) => {
      const row = await lockCheckpoint(tx, projection.name);
      if (!row || row.generation !== live.generation) throw new RebuildAbortedError(projection.name, 'another rebuild swapped first');
      while (target.position < row.position) {
        if (!(await replayBatch(runtime, tx, projection, target, reported))) {
          throw new RebuildAbortedError(projection.name, `the log did not reach the live position ${row.position}`);
        }
      }
      await repointViews(tx, projection.name, runtime.readSchema, generationSchema(projection.name, live.generation), target.schema);
      await writeCheckpoint(tx, projection.name, { generation, position: target.position, version: projection.version, status: 'running' });
      return { ...row, generation, position: target.position, version: projection.version, status: 'running' as const };
    });
    for (const poison of reported) reportPoison(runtime, projection.name, poison, 'parked', target.schema);
    runtime.metrics.position(projection.name, swapped.position);
    await dropTableSet(client, generationSchema(projection.name, live.generation));
    runtime.logger.info({ projection: projection.name, generation, position: swapped.position }, 'projection rebuild swapped in');
    return swapped;
  } catch (error) {
    await dropTableSet(client, target.schema).catch(() => undefined);
    if (!(error instanceof StoppedDuringRebuild)) throw error;
    // The dead letter was rolled back with the batch: record it again with the stop, in its own transaction.
    await transact(client, async (tx) => {
      await recordDeadLetter(tx, projection.name, error.culprit);
      await writeCheckpoint(tx, projection.name, { status: 'stopped' });
    });
    reportPoison(runtime, projection.name, error.culprit, 'stopped', target.schema);
    throw new ProjectionStoppedError(projection.name, error.culprit.event.globalPosition, error.culprit.error);
  }
};
