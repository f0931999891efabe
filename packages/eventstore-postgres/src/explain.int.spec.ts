import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateEventStore } from './migrations.js';
import { eventStoreNames } from './names.js';
import { tailingQuery } from './read.js';

const EVENTS = 1_000_000;
const CHUNK = 100_000;
const BATCH = 100;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe('the tailing query at 1,000,000 events', () => {
  let db: TestDatabase;
  const names = eventStoreNames();
  // EXPLAIN takes no bind parameters here; the values are numbers we computed, so inlining them is safe.
  const explain = async (after: bigint, format: 'JSON' | 'TEXT') => {
    const sql = tailingQuery(names).replace('$1', after.toString()).replace('$2', String(BATCH));
    return (await db.pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT ${format}) ${sql}`)).rows;
  };

  beforeAll(async () => {
    db = await createTestDatabase('es_explain');
    await migrateEventStore(db.pool);
  });
  afterAll(async () => db?.drop());

  it('is a bounded index range scan on the primary key near the start and near the end of the log, with or without statistics', async () => {
    // Fake transaction ids must lie below the current xmin to count as finished, so spread the million
    // events over the ids this cluster has already used, several events per id, numbered like the store does.
    const { rows } = await db.pool.query<{ xid: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xid');
    const usableIds = Number(rows[0]!.xid) - 4;
    const perId = Math.ceil(EVENTS / usableIds);
    expect(perId).toBeLessThanOrEqual(65_535);
    // Chunks keep each inserting transaction short: while one is open, it holds back every tailing reader on
    // the server (including other test runs).
    for (let from = 0; from < EVENTS; from += CHUNK) {
      await db.pool.query(
        `INSERT INTO ${names.events}
           (global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, transaction_id)
         SELECT ((3 + g / $3::bigint) << 16) | (g % $3::bigint), 'bulk-' || (g % 1000), g / 1000 + 1, md5(g::text)::uuid,
                'Bulked', 1, jsonb_build_object('g', g), '{"storeId":"store-1"}'::jsonb, (3 + g / $3::bigint)::text::xid8
         FROM generate_series($1::bigint, $2::bigint) AS g`,
        [from, Math.min(from + CHUNK, EVENTS) - 1, perId],
      );
    }
    await db.pool.query(`INSERT INTO ${names.streams} (stream_id, version) SELECT 'bulk-' || s, 1000 FROM generate_series(0, 999) AS s`);
    const { rows: ends } = await db.pool.query<{ n: string; nearEnd: string }>(
      `SELECT count(*) AS n, (SELECT global_position FROM ${names.events} ORDER BY global_position DESC OFFSET ${BATCH * 5} LIMIT 1) AS "nearEnd" FROM ${names.events}`,
    );
    expect(Number(ends[0]!.n)).toBe(EVENTS);

    const checkPlans = async (label: string) => {
      for (const after of [0n, BigInt(ends[0]!.nearEnd)]) {
        const [
          {
            'QUERY PLAN': [{ Plan: plan }],
          },
        ] = (await explain(after, 'JSON')) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
        const all = nodes(plan);
        const limit = all.find((node) => node['Node Type'] === 'Limit');
        const scan = all.find((node) => node['Node Type'].startsWith('Index') && node['Index Name'] === 'events_pkey');
        expect(limit, `${label}: ${JSON.stringify(plan)}`).toBeDefined();
        expect(scan, `${label}: ${JSON.stringify(plan)}`).toBeDefined();
        expect(nodes(limit!)).toContain(scan);
        expect(all.some((node) => node['Node Type'] === 'Seq Scan' || node['Node Type'] === 'Sort' || node['Node Type'].startsWith('Bitmap'))).toBe(false);
        expect(plan['Actual Rows']).toBe(BATCH);
        expect(scan!['Actual Rows']).toBe(BATCH);
        // A hundred small rows live on a handful of heap pages plus a root-to-leaf index descent.
        expect(scan!['Shared Hit Blocks'] + scan!['Shared Read Blocks']).toBeLessThan(50);
        if (process.env.ROOFTOP_PRINT_PLANS)
          console.log(`${label}, after ${after}:\n${(await explain(after, 'TEXT')).map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')}`);
      }
    };
    // Right after a bulk load, before any ANALYZE: the planner has no statistics, and the plan must not depend on them.
    await checkPlans('before ANALYZE');
    await db.pool.query(`VACUUM ANALYZE ${names.events}`);
    await checkPlans('after VACUUM ANALYZE');
  }, 600_000);
});
