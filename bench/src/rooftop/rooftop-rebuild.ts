import { type EventStore } from '@rooftop/eventsourcing';
import { type PgProjection, ProjectionRunner } from '@rooftop/projections-postgres';
import type pg from 'pg';
import { createReadModelSql, upsertBatchParams, upsertBatchSql } from '../read-model.js';
import { type BenchEventData, eventTypes } from '../workload.js';

export const totalsProjectionName = 'bench_vehicle_totals';

/** The set-based projection: one INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE per batch. */
export const totalsProjection: PgProjection = {
  name: totalsProjectionName,
  version: 1,
  eventTypes,
  setup: async ({ client }) => {
    await client.query(createReadModelSql);
  },
  apply: async (events, { client }) => {
    if (events.length === 0) return;
    const rows = events.map((event) => ({
      vin: (event.data as BenchEventData).vin,
      amountFen: (event.data as BenchEventData).amountFen,
      position: event.globalPosition,
    }));
    await client.query(upsertBatchSql, upsertBatchParams(rows));
  },
};

/** A runner with only the bench projection, initialised (generation 1, checkpoint 0) before any timing. */
export const openRunner = async (pool: pg.Pool, store: EventStore, batchSize: number): Promise<ProjectionRunner> => {
  const runner = new ProjectionRunner({ pool, store, projections: [totalsProjection], batchSize });
  await runner.status();
  return runner;
};
