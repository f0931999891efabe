import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { salesKpiProjections } from '../sales/index.js';
import { appendEvents, salesEvents } from '../testing/sales-events.js';
import { KpiQueryCache } from './cache.js';
import { type KpiQuery, type Queryable, queryKpis } from './index.js';

// The result cache against the real runner: an entry is served only while the projections' checkpoints stand
// still; a new event, another scope or a rebuild computes afresh, and the answer always equals the uncached one.

describe('KpiQueryCache', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let runner: ProjectionRunner;
  let leads = 0;
  const events = { s1: salesEvents({ storeId: 's1' }), s2: salesEvents({ storeId: 's2' }) };

  const capture = async (storeId: 's1' | 's2') => {
    leads += 1;
    await appendEvents(store, [
      events[storeId].leadCaptured({ leadId: `lead-${leads}`, channel: 'walk_in', brand: 'Changan', consultantId: 'c1' }, '2025-03-03T10:00:00+08:00'),
    ]);
    const { rows } = await db.pool.query<{ head: string }>(`SELECT max(global_position)::text AS head FROM ${store.names.events}`);
    while ((await store.headPosition()) < Number(rows[0]!.head)) await new Promise((resolve) => setTimeout(resolve, 25));
    await runner.runUntilCaughtUp();
  };
  const query = (storeIds: string[]): KpiQuery => ({
    names: ['sales.leads', 'sales.targetAttainment'],
    storeIds,
    from: '2025-03-01',
    to: '2025-03-31',
    granularity: 'MONTH',
  });
  const leadsIn = (points: { name: string; value: number | null }[]) => points.find((p) => p.name === 'sales.leads')?.value;

  beforeAll(async () => {
    db = await createTestDatabase('kpi_cache');
    await migrateEventStore(db.pool);
    store = new PostgresEventStore({ pool: db.pool, pollIntervalMs: 100 });
    runner = new ProjectionRunner({ pool: db.pool, store, projections: salesKpiProjections({ timeZone: 'Asia/Shanghai' }) });
    await capture('s1');
  });
  afterAll(async () => {
    store.close();
    await db.drop();
  });

  it('serves a repeated query until the checkpoint moves, per scope, always equal to the uncached answer', async () => {
    const cache = new KpiQueryCache();
    const first = await queryKpis(db.pool, query(['s1']), { cache });
    expect(leadsIn(first)).toBe(1);
    expect(await queryKpis(db.pool, query(['s1']), { cache })).toEqual(first);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);

    // Another scope is another entry.
    expect(leadsIn(await queryKpis(db.pool, query(['s1', 's2']), { cache }))).toBe(1);
    expect([cache.hits, cache.misses]).toEqual([1, 2]);

    await capture('s1');
    const after = await queryKpis(db.pool, query(['s1']), { cache });
    expect(leadsIn(after)).toBe(2);
    expect(after).toEqual(await queryKpis(db.pool, query(['s1'])));
    expect([cache.hits, cache.misses]).toEqual([1, 3]);

    // A store outside the scope moves the checkpoint too: recomputed, and still the same answer for s1.
    await capture('s2');
    expect(await queryKpis(db.pool, query(['s1']), { cache })).toEqual(after);
    expect(cache.misses).toBe(4);
  });

  it('recomputes after a rebuild swapped the generation, and shares one computation between identical queries', async () => {
    const cache = new KpiQueryCache({ maxEntries: 1 });
    const before = await queryKpis(db.pool, query(['s1']), { cache });
    await runner.rebuild('sales_kpi_facts');
    expect(await queryKpis(db.pool, query(['s1']), { cache })).toEqual(before);
    expect([cache.hits, cache.misses]).toEqual([0, 2]);

    const together = await Promise.all([queryKpis(db.pool, query(['s2']), { cache }), queryKpis(db.pool, query(['s2']), { cache })]);
    expect(together[0]).toEqual(together[1]);
    expect(cache.hits).toBe(1);
    expect(leadsIn(together[0])).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('caches nothing when a projection behind the read has no checkpoint', async () => {
    const cache = new KpiQueryCache();
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    expect(await cache.through(db.pool, 'k', ['sales_kpi_facts', 'not_run_here'], compute)).toBe(1);
    expect(await cache.through(db.pool, 'k', ['sales_kpi_facts', 'not_run_here'], compute)).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('shares one checkpoint read between concurrent calls, and never one that began before a call', async () => {
    // The pool, with the checkpoint reads counted and their answers held back until `release`.
    let reads = 0;
    let gate: Promise<void> = Promise.resolve();
    const counted: Queryable = {
      query: (async (text: string, values?: unknown[]) => {
        const result = await db.pool.query(text, values);
        if (text.includes('projections.checkpoints')) {
          reads += 1;
          await gate;
        }
        return result;
      }) as Queryable['query'],
    };
    const cache = new KpiQueryCache();
    let computed = 0;
    const compute = () => Promise.resolve(++computed);

    // Twelve at once: the first read runs, the other eleven share the one queued behind it.
    const together = await Promise.all(Array.from({ length: 12 }, () => cache.through(counted, 'k', ['sales_kpi_facts'], compute)));
    expect(reads).toBe(2);
    expect(new Set(together).size).toBe(1);

    // A call whose read is under way, a projection that moves, then a call: the later call must not share the
    // earlier read (it would answer from before the move); it waits for a read of its own.
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const early = cache.through(counted, 'k2', ['sales_kpi_facts'], compute);
    await vi.waitFor(() => expect(reads).toBe(3));
    await capture('s1');
    const late = cache.through(counted, 'k2', ['sales_kpi_facts'], compute);
    release();
    const [earlyValue, lateValue] = await Promise.all([early, late]);
    expect(reads).toBe(4);
    expect(lateValue).toBe(earlyValue + 1);
  });

  it('refuses a cache of no entries', () => {
    expect(() => new KpiQueryCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
