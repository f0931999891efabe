import { KpiQueryCache, type KpiQuery, queryKpis } from '@rooftop/kpis';
import { salesEvents } from '@rooftop/kpis/testing';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hqKpiProjections, migrateHqSchema, upsertStores } from '../src/index.js';
import { applyBatch, type ApplyContext } from '../src/projector/apply-batch.js';
import { type Arrival } from '../src/projector/log-order.js';
import { StoreZones } from '../src/projector/store-zones.js';

// The gateway's KPI result cache over an HQ read schema: the HQ projector keeps its own checkpoint (no store
// runner, no projections.checkpoints at HQ), and an entry is served only while that checkpoint stands still.

const SCHEMA = 'hq';
const query: KpiQuery = { names: ['sales.leads'], storeIds: ['s1', 's2'], from: '2025-03-01', to: '2025-03-31', granularity: 'MONTH' };

describe('KpiQueryCache over an HQ read schema', () => {
  let db: TestDatabase;
  let ctx: ApplyContext;
  let seq = 0;
  const positions = new Map<string, number>();

  /** One LeadCaptured of a store through the HQ projector's batch apply, as if it came from GROUP_EVENTS. */
  const lead = async (storeId: string, leadId: string) => {
    const { streamId, event } = salesEvents({ storeId, groupId: 'g1' }).leadCaptured(
      { leadId, channel: 'walk_in', brand: 'Changan', consultantId: 'c1' },
      '2025-03-03T10:00:00+08:00',
    );
    const previousPosition = positions.get(storeId) ?? 0;
    const position = previousPosition + 1;
    positions.set(storeId, position);
    seq += 1;
    const arrival: Arrival = {
      seq,
      storeId,
      position,
      previousPosition,
      deadLettered: false,
      event: {
        eventId: `${storeId}-${position}`,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        groupId: 'g1',
        storeId,
        streamId,
        streamVersion: 1,
        position,
        occurredAt: event.metadata.occurredAt,
        correlationId: event.metadata.correlationId,
      },
    };
    await applyBatch(ctx, [{ seq, arrival }]);
  };
  const leads = (points: Awaited<ReturnType<typeof queryKpis>>) => points.filter((p) => p.name === 'sales.leads').reduce((sum, p) => sum + (p.value ?? 0), 0);

  beforeAll(async () => {
    db = await createTestDatabase('hq_kpi_cache');
    const zones = new StoreZones(SCHEMA);
    const projections = hqKpiProjections(zones.zoneOf);
    await migrateHqSchema(db.pool, SCHEMA, projections);
    await upsertStores(
      db.pool,
      SCHEMA,
      ['s1', 's2'].map((storeId) => ({ storeId, name: storeId, brands: ['Changan'], region: 'east', timeZone: 'Asia/Shanghai' })),
    );
    ctx = { pool: db.pool, schema: SCHEMA, durable: 'hq-projector', projections, zones };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('caches nothing before the projector applied anything, then serves hits until its checkpoint moves', async () => {
    const cache = new KpiQueryCache();
    await queryKpis(db.pool, query, { cache, readSchema: SCHEMA });
    expect([cache.hits, cache.size]).toEqual([0, 0]);

    await lead('s1', 'l1');
    const first = await queryKpis(db.pool, query, { cache, readSchema: SCHEMA });
    expect(leads(first)).toBe(1);
    expect(await queryKpis(db.pool, query, { cache, readSchema: SCHEMA })).toEqual(first);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);

    await lead('s2', 'l2');
    const after = await queryKpis(db.pool, query, { cache, readSchema: SCHEMA });
    expect(leads(after)).toBe(2);
    expect(after).toEqual(await queryKpis(db.pool, query, { readSchema: SCHEMA }));
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });
});
