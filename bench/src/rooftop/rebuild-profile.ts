import { filteredTailingQuery, type PostgresEventStore } from '@rooftop/eventstore-postgres';
import type pg from 'pg';
import { createReadModelSql, readModelTable, upsertBatchParams, upsertBatchSql } from '../read-model.js';
import { perSecond } from '../stats.js';
import { type BenchEventData, eventTypes } from '../workload.js';

/** Each part of a rebuild alone over the whole log, in events/s: where the rebuild's time goes. */
export interface RebuildProfile {
  /** `readAll` as the runner calls it: the query, pg's row parsing, JSON.parse of data and metadata. */
  readonly readAndDecode: number;
  /** The same query with jsonb and timestamps left as text: the server and the wire, without the decode. */
  readonly readOnly: number;
  /** The projection's upsert alone, batch by batch from arrays extracted in advance, async commit as in a rebuild. */
  readonly upsert: number;
}

const asText = { getTypeParser: () => (value: string) => value };

export const profileRebuild = async (store: PostgresEventStore, pool: pg.Pool, batchSize: number): Promise<RebuildProfile> => {
  const types = [...eventTypes];
  const batches: Array<Parameters<typeof upsertBatchParams>[0]> = [];
  let started = performance.now();
  let after = 0;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize, eventTypes: types });
    if (batch.checkpoint <= after) break;
    after = batch.checkpoint;
    events += batch.events.length;
    batches.push(
      batch.events.map((e) => ({ vin: (e.data as BenchEventData).vin, amountFen: (e.data as BenchEventData).amountFen, position: e.globalPosition })),
    );
  }
  const readAndDecode = perSecond(events, performance.now() - started);

  started = performance.now();
  after = 0;
  let rows = 0;
  for (;;) {
    const result = await pool.query<{ global_position: string }>({ text: filteredTailingQuery(store.names), values: [after, batchSize, types], types: asText });
    if (result.rows.length === 0) break;
    after = Number(result.rows.at(-1)!.global_position);
    rows += result.rows.length;
  }
  const readOnly = perSecond(rows, performance.now() - started);

  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS rebuild_profile; SET search_path TO rebuild_profile; ${createReadModelSql}; TRUNCATE ${readModelTable}`);
    started = performance.now();
    for (const batch of batches) {
      await client.query('BEGIN; SET LOCAL synchronous_commit TO off');
      await client.query(upsertBatchSql, upsertBatchParams(batch));
      await client.query('COMMIT');
    }
    const upsert = perSecond(events, performance.now() - started);
    await client.query('DROP SCHEMA rebuild_profile CASCADE; RESET search_path');
    return { readAndDecode, readOnly, upsert };
  } finally {
    client.release();
  }
};
