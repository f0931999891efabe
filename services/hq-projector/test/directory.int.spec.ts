import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ValidationError } from '@rooftop/eventsourcing';
import { createTestDatabase, natsUrl, type TestDatabase, uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHqCli } from '../src/cli.js';
import {
  demoStoreTargets,
  GroupStreamMissingError,
  hqKpiProjections,
  ProjectionVersionError,
  loadGroupTargets,
  loadHqConfig,
  startHqProjector,
  migrateHqSchema,
  readGroupTargets,
  readStoreDirectory,
  readStoreTargets,
  TimeZoneChangeError,
  upsertStores,
} from '../src/index.js';

const SCHEMA = 'hq';
const store = (storeId: string, timeZone = 'Asia/Shanghai') => ({ storeId, name: `Store ${storeId}`, brands: ['Changan'], region: 'north', timeZone });

describe('store directory and group targets on PostgreSQL', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('hq_directory');
    await migrateHqSchema(
      db.pool,
      SCHEMA,
      hqKpiProjections(() => 'UTC'),
    );
  });
  afterAll(async () => db?.drop());

  it('adds and updates stores; a changed time zone is refused and nothing of that load is written', async () => {
    await upsertStores(db.pool, SCHEMA, [store('bj01'), store('ur01', 'Asia/Urumqi')]);
    await upsertStores(db.pool, SCHEMA, [{ ...store('bj01'), name: 'Renamed' }]);
    await expect(upsertStores(db.pool, SCHEMA, [store('sh01'), store('ur01', 'Asia/Shanghai')])).rejects.toBeInstanceOf(TimeZoneChangeError);
    await expect(upsertStores(db.pool, SCHEMA, [{ storeId: 'x' }])).rejects.toBeInstanceOf(ValidationError);
    const directory = await readStoreDirectory(db.pool, SCHEMA);
    expect(directory.map((s) => [s.storeId, s.name, s.timeZone, s.jsDomain])).toEqual([
      ['bj01', 'Renamed', 'Asia/Shanghai', 'bj01'],
      ['ur01', 'Store ur01', 'Asia/Urumqi', 'ur01'],
    ]);
  });

  it('loads targets all or nothing: a store outside the directory rejects the whole file with a typed error', async () => {
    await loadGroupTargets(db.pool, SCHEMA, [{ storeId: 'bj01', month: '2025-03', units: 40, revenue: { amount: 600_000_000, currency: 'CNY' } }]);
    const bad = [
      { storeId: 'bj01', month: '2025-04', units: 1 },
      { storeId: 'nowhere', month: '2025-04', units: 1 },
    ];
    const error = await loadGroupTargets(db.pool, SCHEMA, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: '1.storeId', message: 'nowhere is not in the store directory' }]);
    await loadGroupTargets(db.pool, SCHEMA, [{ storeId: 'bj01', month: '2025-03', units: 42 }]);
    expect(await readGroupTargets(db.pool, SCHEMA, ['bj01', 'ur01'])).toEqual([{ storeId: 'bj01', month: '2025-03', units: 42 }]);
  });

  it('the CLI loads stores and sources their streams into the group stream (adding a store is configuration)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hq-cli-'));
    const stream = `GROUP_EVENTS_${uniqueStreamSuffix().toUpperCase()}`;
    const env = {
      GROUP_ID: 'acme',
      DATABASE_URL: db.url,
      NATS_URL: natsUrl(),
      HQ_SCHEMA: SCHEMA,
      GROUP_STREAM: stream,
      GROUP_STREAM_MAX_BYTES: String(8 * 1024 ** 2),
    };
    const nc = await connect({ servers: natsUrl() });
    const jsm = await jetstreamManager(nc);
    try {
      writeFileSync(join(dir, 'stores.json'), JSON.stringify([store('gz01', 'Asia/Shanghai')]));
      expect(await runHqCli(['stores', 'load', join(dir, 'stores.json')], env)).toEqual({ stores: 1, stream: 'created' });
      writeFileSync(join(dir, 'more.json'), JSON.stringify([{ ...store('cd01', 'Asia/Shanghai'), jsDomain: 'chengdu01' }]));
      expect(await runHqCli(['stores', 'load', join(dir, 'more.json')], env)).toEqual({ stores: 1, stream: 'updated' });
      expect(await runHqCli(['topology', 'apply'], env)).toEqual({ stream: 'unchanged' });
      const sources = (await jsm.streams.info(stream)).config.sources?.map((s) => [s.name, s.external?.api]);
      expect(sources).toEqual(
        expect.arrayContaining([
          ['STORE_EVENTS_ACME_GZ01', '$JS.gz01.API'],
          ['STORE_EVENTS_ACME_CD01', '$JS.chengdu01.API'],
        ]),
      );
      writeFileSync(
        join(dir, 'targets.json'),
        JSON.stringify([{ storeId: 'gz01', month: '2025-03', units: 30 }, ...demoStoreTargets({ storeIds: ['gz01', 'cd01'], from: '2025-03', to: '2025-04' })]),
      );
      expect(await runHqCli(['targets', 'load', join(dir, 'targets.json')], env)).toEqual({ targets: 1 + 2 * 2 * 6 });
      expect((await readStoreTargets(db.pool, SCHEMA, ['gz01'])).filter((t) => t.measure === 'afterSalesRevenue')).toEqual([
        { storeId: 'gz01', month: '2025-03', measure: 'afterSalesRevenue', target: { amount: 48_000_000, currency: 'CNY' } },
        { storeId: 'gz01', month: '2025-04', measure: 'afterSalesRevenue', target: { amount: 47_000_000, currency: 'CNY' } },
      ]);
      await expect(runHqCli(['targets', 'load', join(dir, 'missing.json')], env)).rejects.toBeInstanceOf(ValidationError);
      await expect(runHqCli(['stores', 'drop'], env)).rejects.toBeInstanceOf(ValidationError);
    } finally {
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    }
  });

  it('the projector refuses to start without a group stream to read (empty directory) with a typed error', async () => {
    const config = loadHqConfig({
      GROUP_ID: 'acme',
      DATABASE_URL: db.url,
      NATS_URL: natsUrl(),
      HQ_SCHEMA: 'hq_empty',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      GROUP_STREAM: `GROUP_EVENTS_${uniqueStreamSuffix().toUpperCase()}`,
    });
    await expect(startHqProjector(config)).rejects.toBeInstanceOf(GroupStreamMissingError);
  });

  it('a projection added to a schema that has applied events is refused: it needs a replay into a new schema', async () => {
    const projections = hqKpiProjections(() => 'UTC');
    await migrateHqSchema(db.pool, 'hq_grow', projections.slice(0, 1));
    await db.pool.query(`INSERT INTO hq_grow.projector_checkpoint (durable, stream_seq) VALUES ('hq-projector', 10)`);
    const error = await migrateHqSchema(db.pool, 'hq_grow', projections.slice(0, 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionVersionError);
    expect((error as ProjectionVersionError).changed).toEqual([{ projection: projections[1]!.name, built: 0, current: projections[1]!.version }]);
  });
});
