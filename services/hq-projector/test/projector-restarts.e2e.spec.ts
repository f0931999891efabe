import { type Hub, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHqProjector } from '../src/index.js';
import { kill, ready, spawnProjector } from './fixtures/child.js';
import { diffSchemas } from './fixtures/compare.js';
import { startTestGroup, type TestGroup } from './fixtures/group.js';
import { expectHqEqualsStores, hqCaughtUp, hqConfigFor, hqPositions } from './fixtures/hq.js';
import { storeScenario } from './fixtures/scenario.js';
import { type TestStore } from './fixtures/store.js';
import { waitFor } from './fixtures/wait.js';

const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Urumqi'] as const;
const KILLS = 3;

describe('hq-projector killed and restarted at random points', () => {
  const groupId = `g${uniqueStreamSuffix()}`;
  let group: TestGroup;
  let hub: Hub;
  let stores: TestStore[];
  let hq: TestDatabase;

  beforeAll(async () => {
    group = await startTestGroup({ groupId, stores: ZONES.map((timeZone, i) => ({ storeId: `r${i + 1}`, timeZone })), schemas: ['hq', 'hq_rebuild'] });
    ({ hub, stores, hq } = group);
  });

  afterAll(async () => {
    await group?.dispose();
  });

  it('HQ read models equal a rebuild from the group stream, and the stores', async () => {
    const env = {
      GROUP_ID: groupId,
      DATABASE_URL: hq.url,
      ...hub.env({ zone: 'hq', user: 'hq-projector' }),
      HQ_SCHEMA: 'hq',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
      HQ_BATCH_SIZE: '50',
    };
    // Stores keep committing small chunks, paced, for as long as the kills go on (at most 240 events each), so
    // every kill lands while events are in flight to HQ — also on a loaded box, where a projector takes seconds
    // to start. (Unpaced and capped at 60, the writes could be over before the first kill, and no kill then
    // landed mid-stream.)
    let writing = true;
    const writers = stores.map(async (store, i) => {
      for (let from = 0; (writing || from < 40) && from < 240; from += 4) {
        const events = storeScenario({ storeId: store.storeId, groupId, timeZone: store.timeZone, seed: 11 * (i + 1), from, count: 4 });
        await store.append(events);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    const partial: boolean[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = spawnProjector(env);
      await ready(child);
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 700)));
      await kill(child);
      const positions = await hqPositions(hq);
      const heads = await Promise.all(stores.map((s) => s.store.headPosition()));
      partial.push(stores.some((s, i) => (positions.get(s.storeId) ?? 0) > 0 && (positions.get(s.storeId) ?? 0) < heads[i]!));
    }
    writing = false;
    await Promise.all(writers);
    expect(partial.filter(Boolean).length).toBeGreaterThan(0);

    const last = await startHqProjector(hqConfigFor({ groupId, hub, db: hq }));
    await waitFor('the restarted projector to catch up', () => hqCaughtUp(hq, stores));
    await last.close();
    const rebuild = await startHqProjector(hqConfigFor({ groupId, hub, db: hq, schema: 'hq_rebuild', durable: 'hq-rebuild' }));
    await waitFor('the rebuild to catch up', () => hqCaughtUp(hq, stores, 'hq_rebuild'));
    await rebuild.close();

    const { differences, rows } = await diffSchemas(hq, 'hq', 'hq_rebuild');
    expect(
      Object.values(differences).every((n) => n === 0),
      JSON.stringify(differences),
    ).toBe(true);
    expect(rows.sales_kpi_facts).toBeGreaterThan(0);
    expect(rows.workshop_kpi_facts).toBeGreaterThan(0);
    await Promise.all(stores.map((s) => s.projectKpis()));
    await expectHqEqualsStores(hq, stores);
    // Each child projector compiles the TypeScript sources on start (tsx): seconds apiece on a loaded box.
  }, 90_000);
});
