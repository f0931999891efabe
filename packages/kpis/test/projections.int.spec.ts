import { uuidv7 } from '@rooftop/eventsourcing';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SALES_FACT_COLUMNS, salesKpiProjections } from '../src/index.js';
import { appendEvents, salesEvents } from '../src/testing/sales-events.js';
import { openStore, untilReadable } from './harness.js';

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('kpi_projections');
  store = await openStore(db);
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const shanghai = salesEvents({ storeId: 'sh-1' });
const berlin = salesEvents({ storeId: 'de-1' });
const zones = (storeId: string) => (storeId.startsWith('de-') ? 'Europe/Berlin' : 'Asia/Shanghai');

describe('sales KPI projections on PostgreSQL', () => {
  it('keys every table by store, dates facts in each store’s own zone and parks an event that breaks its contract', async () => {
    // 2025-03-03 22:30 UTC is Tuesday 06:30 in Shanghai and still Monday 23:30 in Berlin.
    await appendEvents(store, [
      shanghai.leadCaptured({ leadId: 'L1', channel: 'walk_in', consultantId: 'c1', brand: '长安', model: 'CS75' }, '2025-03-03T22:30:00Z'),
      berlin.leadCaptured({ leadId: 'L1', channel: 'online', brand: 'Changan', model: 'UNI-K' }, '2025-03-03T22:30:00Z'),
      berlin.visit({ leadId: 'L1', consultantId: 'd1', visitKind: 'first' }, '2025-03-05T10:00:00Z'),
    ]);
    const broken = shanghai.leadCaptured({ leadId: 'L2', channel: 'walk_in', brand: '长安' }, '2025-03-04T10:00:00Z');
    await store.appendToStream(broken.streamId, [{ ...broken.event, eventId: uuidv7(), data: { ...(broken.event.data as object), channel: 'fax' } }], {
      expectedVersion: 'any',
    });
    await untilReadable(db, store);

    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: salesKpiProjections({ timeZone: zones }),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const status = await runner.runUntilCaughtUp();
    expect(status.map((s) => [s.name, s.status, s.deadLetters])).toEqual([
      ['sales_kpi_facts', 'running', 1],
      ['sales_targets', 'running', 0],
    ]);

    const { rows: facts } = await db.pool.query(
      `SELECT store_id, to_char(business_date, 'YYYY-MM-DD') AS day, brand, model, channel, consultant_id, leads, leads_visited, first_visits
         FROM read.sales_kpi_facts ORDER BY store_id, business_date, consultant_id`,
    );
    expect(facts).toEqual([
      {
        store_id: 'de-1',
        day: '2025-03-03',
        brand: 'Changan',
        model: 'UNI-K',
        channel: 'online',
        consultant_id: '',
        leads: '1',
        leads_visited: '1',
        first_visits: '0',
      },
      {
        store_id: 'de-1',
        day: '2025-03-05',
        brand: 'Changan',
        model: 'UNI-K',
        channel: 'online',
        consultant_id: 'd1',
        leads: '0',
        leads_visited: '0',
        first_visits: '1',
      },
      {
        store_id: 'sh-1',
        day: '2025-03-04',
        brand: '长安',
        model: 'CS75',
        channel: 'walk_in',
        consultant_id: 'c1',
        leads: '1',
        leads_visited: '0',
        first_visits: '0',
      },
    ]);

    const { rows: parked } = await db.pool.query(`SELECT projection, type, error FROM projections.dead_letters`);
    expect(parked).toEqual([{ projection: 'sales_kpi_facts', type: 'LeadCaptured', error: expect.stringContaining('channel') }]);

    // Every table the KPI projections own has store_id in its primary key, so HQ can hold many stores in it.
    const { rows: keys } = await db.pool.query<{ table_name: string; columns: string[] }>(
      `SELECT tc.table_name, array_agg(kcu.column_name::text ORDER BY kcu.ordinal_position) AS columns
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
        WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema LIKE 'proj\\_sales\\_%'
        GROUP BY tc.table_name ORDER BY tc.table_name`,
    );
    expect(keys.map((k) => k.table_name)).toEqual(['sales_kpi_facts', 'sales_kpi_leads', 'sales_kpi_orders', 'sales_targets']);
    for (const key of keys) expect(key.columns[0], key.table_name).toBe('store_id');

    const { rows: columns } = await db.pool.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'read' AND table_name = 'sales_kpi_facts'`,
    );
    const types = new Map(columns.map((c) => [c.column_name, c.data_type]));
    for (const column of SALES_FACT_COLUMNS) expect(types.get(column), column).toBe('bigint');
  });
});
