import { type ReadAllResult } from '@rooftop/eventsourcing';
import { lockCheckpoint, writeCheckpoint } from './checkpoints.js';
import { type PgProjection } from './context.js';
import { generationSchema, quoteIdent } from './names.js';
import { applyWithPoison, type PoisonEvent } from './poison.js';
import { inTransaction, reportPoison, type Runtime } from './runtime.js';

export type BatchResult =
  | { readonly kind: 'committed'; readonly position: number }
  /** The checkpoint row is not where this reader thought (a swap, another runner): re-read it and resume from there. */
  | { readonly kind: 'moved' }
  | { readonly kind: 'stopped'; readonly position: number; readonly culprit: PoisonEvent };

/**
 * Applies one batch to the live table set and moves the checkpoint in the same transaction, so the read
 * model and the checkpoint can never disagree: a crash before COMMIT leaves neither, after COMMIT both.
 * The row lock plus the expected-position check makes a second runner (or a rebuild's swap) a no-op
 * instead of a double application.
 */
export const applyLiveBatch = async (runtime: Runtime, projection: PgProjection, expectedPosition: number, batch: ReadAllResult): Promise<BatchResult> => {
  const committed = await inTransaction(runtime.pool, async (client) => {
    const row = await lockCheckpoint(client, projection.name);
    if (!row || row.position !== expectedPosition || row.status !== 'running' || row.version !== projection.version) {
      return { kind: 'moved' } as const;
    }
    const schema = generationSchema(projection.name, row.generation);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    const outcome = await applyWithPoison(projection, batch.events, { client, schema }, runtime.poison);
    if (outcome.kind === 'stopped') {
      // Positions are not dense, but no event of ours lies between the last applied one and the culprit,
      // so resuming after `culprit - 1` starts exactly at the culprit.
      const position = outcome.culprit.event.globalPosition - 1;
      await writeCheckpoint(client, projection.name, { position, status: 'stopped' });
      return { kind: 'stopped', position, culprit: outcome.culprit, parked: outcome.parked, schema } as const;
    }
    await writeCheckpoint(client, projection.name, { position: batch.checkpoint });
    return { kind: 'committed', position: batch.checkpoint, parked: outcome.parked, schema } as const;
  });
  if (committed.kind === 'moved') return committed;
  for (const poison of committed.parked) reportPoison(runtime, projection.name, poison, 'parked', committed.schema);
  runtime.metrics.position(projection.name, committed.position);
  if (committed.kind === 'stopped') {
    reportPoison(runtime, projection.name, committed.culprit, 'stopped', committed.schema);
    return { kind: 'stopped', position: committed.position, culprit: committed.culprit };
  }
  return { kind: 'committed', position: committed.position };
};
