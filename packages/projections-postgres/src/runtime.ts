import { type EventStore, type PoisonPolicy } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type ProjectionLogger } from './context.js';
import { type ProjectionMetrics } from './metrics.js';
import { type PoisonEvent } from './poison.js';

/** What the runner's parts share: resolved options and the reporting sinks. */
export interface Runtime {
  readonly pool: pg.Pool;
  readonly store: EventStore;
  readonly batchSize: number;
  readonly poison: PoisonPolicy;
  readonly readSchema: string;
  readonly logger: ProjectionLogger;
  readonly metrics: ProjectionMetrics;
}

/** Called only after the transaction that recorded the dead letter committed, so a retry never counts twice. */
export const reportPoison = (runtime: Runtime, projection: string, poison: PoisonEvent, action: 'parked' | 'stopped', schema: string): void => {
  runtime.metrics.poison(projection);
  runtime.logger.error(
    {
      projection,
      schema,
      action,
      globalPosition: poison.event.globalPosition,
      eventId: poison.event.eventId,
      eventType: poison.event.type,
      err: poison.error,
    },
    action === 'parked' ? 'projection parked a poison event' : 'projection stopped on a poison event',
  );
};

/** Runs `work` in a transaction on its own pool client; after a failure the client is destroyed, not reused. */
export const inTransaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  let failed = false;
  try {
    return await transact(client, work);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.release(failed);
  }
};

/** BEGIN … COMMIT on a client the caller keeps (the rebuild holds one client for its advisory lock). */
export const transact = async <T>(client: pg.PoolClient, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
