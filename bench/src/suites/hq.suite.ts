import { type PostgresEventStore } from '@rooftop/eventstore-postgres';
import { hqKpiProjections, loadHqConfig, migrateHqSchema, startHqProjector, upsertStores } from '@rooftop/hq-projector';
import { salesEvents } from '@rooftop/kpis/testing';
import { startHub, uniqueStreamSuffix } from '@rooftop/testkit';
import { type BenchStore, startBenchStore } from '../hq/store.js';
import { waitUntil } from '../hq/wait.js';
import { runPaced } from '../messaging/paced.js';
import { ownPool } from '../messaging/pools.js';
import { percentile, perSecond } from '../stats.js';
import { type BenchSuite, toRow } from '../suite.js';

export const hqRatePerStore = 200;
export const hqLatencyMs = 10_000;
export const hqCatchupEvents = 100_000;
const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Tokyo'] as const;
const POLL_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lead's journey start to finish in one append (4 events of one stream), contract-valid. */
const journey = (storeId: string, groupId: string, leadId: string, at: string) => {
  const s = salesEvents({ storeId, groupId });
  return [
    s.leadCaptured({ leadId, channel: 'walk_in', brand: 'Changan', model: 'CS75', consultantId: 'emp-1' }, at),
    s.visit({ leadId, consultantId: 'emp-1', visitKind: 'first' }, at),
    s.testDrive({ leadId, consultantId: 'emp-1', brand: 'Changan', model: 'CS75' }, at),
    s.quotation({ leadId, consultantId: 'emp-1', brand: 'Changan', model: 'CS75', priceFen: 12_000_000 }, at),
  ];
};

/** Appends `total` events (journeys of 4) with `writers` concurrent writers; returns the store's head. */
const fill = async (store: PostgresEventStore, storeId: string, groupId: string, total: number, writers: number): Promise<number> => {
  let next = 0;
  const writer = async () => {
    for (;;) {
      const j = next++;
      if (j * 4 >= total) return;
      const leadId = `cu${j}`;
      const at = new Date(Date.UTC(2025, 2, 1 + (j % 27), 3)).toISOString();
      const built = journey(storeId, groupId, leadId, at);
      await store.appendToStream(
        built[0]!.streamId,
        built.map((b) => b.event),
        { expectedVersion: 'noStream' },
      );
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return store.headPosition();
};

export const hqSuite: BenchSuite = {
  name: 'hq',
  description:
    `issue 7: hub + 3 store leaves (nats-server from infra/nats), relays, the real hq-projector; store commit → HQ read model at ` +
    `${hqRatePerStore} events/s per store, and HQ catch-up of ${hqCatchupEvents.toLocaleString('en')} events after a store's leaf was down`,
  async run(context) {
    const groupId = `g${uniqueStreamSuffix()}`;
    const hub = await startHub({ groupId, storeIds: ZONES.map((_, i) => `s${i + 1}`) });
    context.defer(() => hub.dispose());
    const stores: BenchStore[] = [];
    for (const [i, timeZone] of ZONES.entries()) stores.push(await startBenchStore(context, { groupId, storeId: `s${i + 1}`, timeZone, hub }));
    await waitUntil('the store leaves to link to the hub', async () => (await hub.leafCount()) === stores.length, 30_000);

    // HQ: its database with the schema and the store directory (what `hq stores load` does), then the projector.
    const hqDb = await context.database('hq');
    await migrateHqSchema(
      hqDb.pool,
      'hq',
      hqKpiProjections(() => 'UTC'),
    );
    await upsertStores(
      hqDb.pool,
      'hq',
      stores.map((s) => ({ storeId: s.storeId, name: `Store ${s.storeId}`, brands: ['Changan'], region: 'east', timeZone: s.timeZone })),
    );
    const projector = await startHqProjector(
      loadHqConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        GROUP_ID: groupId,
        DATABASE_URL: hqDb.url,
        ...hub.env({ zone: 'hq', user: 'hq-projector' }),
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        HQ_SCHEMA: 'hq',
        HQ_DURABLE: 'hq-projector',
      }),
    );
    context.defer(async () => {
      await projector.close();
    });
    const watch = ownPool(context, hqDb, 1);
    const applied = async (): Promise<Map<string, number>> => {
      const { rows } = await watch.query<{ store_id: string; position: string }>('SELECT store_id, position FROM hq.store_positions');
      return new Map(rows.map((r) => [r.store_id, Number(r.position)]));
    };
    const caughtUp = async (list: readonly BenchStore[]) => {
      const positions = await applied();
      for (const s of list) if ((positions.get(s.storeId) ?? 0) < (await s.store.headPosition())) return false;
      return true;
    };

    // (1) Latency. Same process, same clock: committed = appendToStream returned; applied = the first poll
    // (every POLL_MS) of hq.store_positions that shows the store's applied position at or past the event's.
    const pending = new Map<string, Array<{ position: number; committedAt: number; measured: boolean }>>(stores.map((s) => [s.storeId, []]));
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || [...pending.values()].some((list) => list.length > 0)) {
        const positions = await applied();
        const now = performance.now();
        for (const [storeId, list] of pending) {
          const at = positions.get(storeId) ?? 0;
          const still = list.filter((e) => {
            if (e.position > at) return true;
            if (e.measured) latencies.push(now - e.committedAt);
            return false;
          });
          pending.set(storeId, still);
        }
        await sleep(POLL_MS);
      }
    })();
    const cpuBefore = process.cpuUsage();
    const runs = await Promise.all(
      stores.map((s) =>
        runPaced({
          ratePerSecond: hqRatePerStore,
          warmupMs: context.options.warmupMs,
          durationMs: hqLatencyMs,
          operation: async (index, measured) => {
            const leadId = `lat${index}`;
            const [built] = journey(s.storeId, groupId, leadId, new Date(Date.UTC(2025, 2, 1 + (index % 27), 3)).toISOString());
            const result = await s.store.appendToStream(built!.streamId, [built!.event], { expectedVersion: 'noStream' });
            pending.get(s.storeId)!.push({ position: result.events.at(-1)!.globalPosition, committedAt: performance.now(), measured });
          },
        }),
      ),
    );
    polling = false;
    const cpu = process.cpuUsage(cpuBefore);
    for (const r of runs) if (r.errors.length > 0) throw new Error(`${r.errors.length} appends failed, first: ${String(r.errors[0])}`);
    await Promise.race([
      poller,
      sleep(120_000).then(() => {
        throw new Error(`HQ did not apply every event within 120 s (still pending: ${[...pending.values()].map((l) => l.length).join(', ')})`);
      }),
    ]);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const measured = runs.reduce((a, r) => a + r.measured, 0);
    const rate = runs.reduce((a, r) => a + perSecond(r.measured, r.elapsedMs), 0);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    context.log(
      `  ${latencies.length} of ${measured} events at ${Math.round(rate)}/s over 3 stores: p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...latencies))}` +
        ` (max start lag ${ms(Math.max(...runs.map((r) => r.maxStartLagMs)))}, process CPU ${Math.round(((cpu.user + cpu.system) / 1000 / (context.options.warmupMs + hqLatencyMs)) * 100)} % of a core)`,
    );

    // (2) Catch-up: s1's leaf down, 100,000 events appended to s1 (they wait in its event store: the relay
    // retries), the leaf back; time from the restart until HQ has applied s1 up to its head.
    const cut = stores[0]!;
    await cut.leaf.stop();
    const fillStart = performance.now();
    const head = await fill(cut.store, cut.storeId, groupId, hqCatchupEvents, 8);
    context.log(`  ${hqCatchupEvents} events appended to ${cut.storeId} in ${ms(performance.now() - fillStart)} while its leaf was down (head ${head})`);
    const restartedAt = performance.now();
    await cut.leaf.restart();
    let linkedAt = 0;
    let atLeafAt = 0;
    await waitUntil(
      `HQ to apply ${cut.storeId} up to ${head}`,
      async () => {
        if (!linkedAt && (await hub.leafCount()) === stores.length) linkedAt = performance.now();
        if (!atLeafAt && cut.relay.checkpoint >= head) atLeafAt = performance.now();
        return caughtUp(stores);
      },
      300_000,
      100,
    );
    const catchup = performance.now() - restartedAt;
    context.log(
      `  catch-up: leaf restarted → linked ${ms(linkedAt - restartedAt)}, → relay published all ${ms(atLeafAt - restartedAt)}, → HQ applied all ${ms(catchup)}` +
        ` (${Math.round(hqCatchupEvents / (catchup / 1000))} events/s end to end)`,
    );
    return [
      toRow({ name: `store commit→HQ p50 (3 × ${hqRatePerStore}/s)`, value: p50, unit: 'ms' }),
      toRow({ name: `store commit→HQ p99 (3 × ${hqRatePerStore}/s)`, value: p99, unit: 'ms', target: { op: '<=', value: 500 } }),
      toRow({ name: `HQ catch-up of ${hqCatchupEvents.toLocaleString('en')} events`, value: catchup / 1000, unit: 's', target: { op: '<=', value: 60 } }),
    ];
  },
};
