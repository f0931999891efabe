import { uuidv7 } from '@rooftop/eventsourcing';
import { ProjectionRunner } from '@rooftop/projections-postgres';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factColumns, workshopFactTable, workshopKpiProjections, workshopTechnicianFactTable } from '../src/index.js';
import { appendEvents, type RoDims, workshopEvents } from '../src/testing/index.js';
import { openStore, untilReadable } from './harness.js';

let db: TestDatabase;
let store: Awaited<ReturnType<typeof openStore>>;

beforeAll(async () => {
  db = await createTestDatabase('kpi_workshop_projections');
  store = await openStore(db);
});
afterAll(async () => {
  store?.close();
  await db?.drop();
});

const shanghai = workshopEvents({ storeId: 'sh-1' });
const berlin = workshopEvents({ storeId: 'de-1', timeZone: 'Europe/Berlin' });
const zones = (storeId: string) => (storeId.startsWith('de-') ? 'Europe/Berlin' : 'Asia/Shanghai');
const R1: RoDims = { repairOrderId: 'R1', brand: '长安', roType: 'repair', serviceAdvisorId: 'sa1' };

describe('workshop KPI projection on PostgreSQL', () => {
  it('keys every table by store, dates facts in each store’s own zone and parks an event that breaks its contract', async () => {
    // 2025-03-03 22:30 UTC is Tuesday 06:30 in Shanghai and still Monday 23:30 in Berlin.
    await appendEvents(store, [
      shanghai.opened(R1, '2025-03-03T22:30:00Z'),
      berlin.opened({ ...R1, brand: 'Changan' }, '2025-03-03T22:30:00Z'),
      berlin.invoiced(
        {
          ...R1,
          brand: 'Changan',
          labourFen: 10_000,
          partsFen: 5_001,
          technicians: [
            { technicianId: 't1', labourHours: 1 },
            { technicianId: 't2', labourHours: 1 },
          ],
        },
        '2025-03-03T22:30:00Z',
      ),
    ]);
    const broken = shanghai.opened({ ...R1, repairOrderId: 'R2' }, '2025-03-04T10:00:00Z');
    await store.appendToStream(broken.streamId, [{ ...broken.event, eventId: uuidv7(), data: { ...(broken.event.data as object), mileageKm: -1 } }], {
      expectedVersion: 'any',
    });
    await untilReadable(db, store);

    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projections: workshopKpiProjections({ timeZone: zones }),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const status = await runner.runUntilCaughtUp();
    expect(status.map((s) => [s.name, s.status, s.deadLetters])).toEqual([['workshop_kpi_facts', 'running', 1]]);

    const { rows: facts } = await db.pool.query(
      `SELECT store_id, to_char(business_date, 'YYYY-MM-DD') AS day, brand, ro_type, service_advisor_id, vehicles_in, output_fen FROM read.workshop_kpi_facts ORDER BY store_id`,
    );
    expect(facts).toEqual([
      { store_id: 'de-1', day: '2025-03-03', brand: 'Changan', ro_type: 'repair', service_advisor_id: 'sa1', vehicles_in: '1', output_fen: '15001' },
      { store_id: 'sh-1', day: '2025-03-04', brand: '长安', ro_type: 'repair', service_advisor_id: 'sa1', vehicles_in: '1', output_fen: '0' },
    ]);
    const { rows: technicians } = await db.pool.query(
      `SELECT technician_id, technician_output_fen, technician_jobs FROM read.workshop_kpi_technician_facts ORDER BY technician_id`,
    );
    expect(technicians).toEqual([
      { technician_id: 't1', technician_output_fen: '7501', technician_jobs: '1' },
      { technician_id: 't2', technician_output_fen: '7500', technician_jobs: '1' },
    ]);
    const { rows: parked } = await db.pool.query(`SELECT projection, type FROM projections.dead_letters`);
    expect(parked).toEqual([{ projection: 'workshop_kpi_facts', type: 'RepairOrderOpened' }]);

    const { rows: keys } = await db.pool.query<{ table_name: string; columns: string[] }>(
      `SELECT tc.table_name, array_agg(kcu.column_name::text ORDER BY kcu.ordinal_position) AS columns
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
        WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema LIKE 'proj\\_workshop\\_%'
        GROUP BY tc.table_name ORDER BY tc.table_name`,
    );
    expect(keys.map((k) => k.table_name)).toEqual([
      'workshop_kpi_appointments',
      'workshop_kpi_complaints',
      'workshop_kpi_facts',
      'workshop_kpi_repair_orders',
      'workshop_kpi_technician_facts',
    ]);
    for (const key of keys) expect(key.columns[0], key.table_name).toBe('store_id');

    const { rows: columns } = await db.pool.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'read' AND table_name LIKE 'workshop_kpi_%'`,
    );
    for (const table of [workshopFactTable, workshopTechnicianFactTable]) {
      for (const column of factColumns(table))
        expect(columns.find((c) => c.table_name === table.table && c.column_name === column)?.data_type, column).toBe('bigint');
    }
  });
});
