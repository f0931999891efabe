import { postgreSQLProjection, rebuildPostgreSQLProjections } from '@event-driven-io/emmett-postgresql';
import { createReadModelSql, readModelTable, upsertBatchParams, upsertBatchSql } from '../read-model.js';
import { type BenchEventData, eventTypes } from '../workload.js';
import { type EmmettPeer } from './emmett-store.js';

type BenchEvent = { type: (typeof eventTypes)[number]; data: BenchEventData };

/**
 * The same read model as ours, as an Emmett projection running the identical statement on Emmett's
 * transaction client. Emmett's projector hands a projection one event at a time (its `handle` is called
 * with `[event]` per message, then a checkpoint per message), so "batch" here is what Emmett gives it.
 */
const totalsProjection = postgreSQLProjection<BenchEvent, BenchEvent>({
  name: 'bench-vehicle-totals',
  canHandle: [...eventTypes],
  init: async ({ context }) => {
    await context.connection.client.query(createReadModelSql);
  },
  truncate: async (context) => {
    await context.connection.client.query(`TRUNCATE ${readModelTable}`);
  },
  handle: async (events, context) => {
    const rows = events.map((event) => ({
      vin: event.data.vin,
      amountFen: event.data.amountFen,
      position: event.metadata.globalPosition,
    }));
    await context.connection.client.query(upsertBatchSql, upsertBatchParams(rows));
  },
});

/** Emmett's own rebuild: truncate, then replay the whole log through its consumer until nothing is left. */
export const emmettRebuild = async (peer: EmmettPeer, batchSize: number): Promise<void> => {
  const consumer = rebuildPostgreSQLProjections<BenchEvent>({
    connectionString: peer.connectionString,
    pool: peer.pool,
    projections: [totalsProjection],
    pulling: { batchSize, pullingFrequencyInMs: 0 },
  });
  try {
    await consumer.start();
  } finally {
    await consumer.stop();
  }
};
