import { loadavg } from 'node:os';
import { platformRegistry, storeEventsFilter } from '@rooftop/contracts';
import { EventRelay, runDurableConsumer } from '@rooftop/messaging';
import { openRooftop } from '../rooftop/rooftop-store.js';
import { freshStoreStream, openNats } from '../messaging/nats.js';
import { ownPool, relayStore } from '../messaging/pools.js';
import { listenForWakeUps, StageClock, tracedJetStream, tracedStore } from '../messaging/stages.js';
import { type BenchRow, type BenchSuite, toRow } from '../suite.js';
import { latencyRun, type LatencyRun, type LatencyRig } from './latency-run.js';

/** Appends per second of each row; 500/s is the store's everyday peak, 2,000/s a busy group's catch-up. */
export const latencyRates = [500, 2_000] as const;
/** Runs per rate: the rows report the spread of the p99 over them, not one number. */
export const latencyRuns = 3;

const ms = (value: number) => `${value.toFixed(2)} ms`;

const spread = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
};

const rowsFor = (rate: number, runs: readonly LatencyRun[]): BenchRow[] => {
  const total = spread(runs.map((run) => run.p99));
  const published = spread(runs.map((run) => run.stages.committedToAcked));
  const at = `@${rate.toLocaleString('en-US')}/s`;
  const stageRow = (label: string, pick: (run: LatencyRun) => number) =>
    toRow({ name: `  stage p99 ${label} ${at} (median)`, value: spread(runs.map(pick)).median, unit: 'ms' });
  return [
    toRow({ name: `commit→consumer p50 ${at} (median)`, value: spread(runs.map((run) => run.p50)).median, unit: 'ms', target: { op: '<=', value: 5 } }),
    toRow({ name: `commit→consumer p99 ${at} (max of ${runs.length})`, value: total.max, unit: 'ms', target: { op: '<=', value: 20 } }),
    toRow({ name: `commit→consumer p99 ${at} (median)`, value: total.median, unit: 'ms' }),
    toRow({ name: `commit→consumer p99 ${at} (min)`, value: total.min, unit: 'ms' }),
    toRow({ name: `commit→published p99 ${at} (max of ${runs.length})`, value: published.max, unit: 'ms', target: { op: '<=', value: 10 } }),
    stageRow('commit→notified', (run) => run.stages.committedToNotified),
    stageRow('notified→read', (run) => run.stages.notifiedToRead),
    stageRow('read→acked', (run) => run.stages.readToAcked),
    stageRow('acked→consumer', (run) => run.stages.ackedToConsumed),
  ];
};

export const latencySuite: BenchSuite = {
  name: 'latency',
  description: `commit → consumer latency, ${latencyRuns} runs at each of ${latencyRates.join(' and ')} single-event appends/s through PostgresEventStore, EventRelay and runDurableConsumer, with per-stage p99`,
  async run(context) {
    const database = await context.database('latency');
    const store = await openRooftop(context, database);
    const nats = await openNats(context, 'latency');
    const { groupId, storeId, stream } = await freshStoreStream(context, nats, 'latency');
    const clock = new StageClock();
    await listenForWakeUps(context, database.url, store.names.channel, clock);

    // The writers run in a worker thread (latency-writer.ts); relay and consumer share this thread, not a pool.
    const relaySide = relayStore(context, database);
    const relay = new EventRelay({
      ...relaySide,
      store: tracedStore(relaySide.store, clock),
      js: tracedJetStream(nats.js, clock),
      jsm: nats.jsm,
      groupId,
      storeId,
      registry: platformRegistry,
    });
    context.defer(() => relay.stop());
    await relay.start();
    const consumer = await runDurableConsumer({
      js: nats.js,
      jsm: nats.jsm,
      stream,
      durable: 'bench-latency',
      filterSubjects: storeEventsFilter(groupId, storeId),
      pool: ownPool(context, database, 4),
      inboxSchema: 'bench_latency',
      registry: platformRegistry,
      handler: async (event) => clock.mark('consumed', event.eventId),
    });
    context.defer(() => consumer.stop());

    const rig: LatencyRig = { context, connectionString: database.url, store, relay, consumer, clock, nats, stream, groupId, storeId };
    const rows: BenchRow[] = [];
    for (const rate of latencyRates) {
      const runs: LatencyRun[] = [];
      for (let run = 1; run <= latencyRuns; run++) {
        const load = loadavg()[0]!;
        const result = await latencyRun(rig, rate, `r${rate}n${run}`);
        runs.push(result);
        const s = result.stages;
        context.log(
          `  @${rate}/s run ${run}: ${result.events} events, p50 ${ms(result.p50)}, p99 ${ms(result.p99)}, max ${ms(result.max)}; load ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}` +
            `, writer's max start lag ${ms(result.maxStartLagMs)}\n    stage p99: commit→notified ${ms(s.committedToNotified)}, notified→read ${ms(s.notifiedToRead)},` +
            ` read→acked ${ms(s.readToAcked)}, acked→consumer ${ms(s.ackedToConsumed)}; commit→acked ${ms(s.committedToAcked)}`,
        );
      }
      const total = spread(runs.map((run) => run.p99));
      context.log(`  @${rate}/s commit→consumer p99 over ${runs.length} runs: min ${ms(total.min)}, median ${ms(total.median)}, max ${ms(total.max)}`);
      rows.push(...rowsFor(rate, runs));
    }
    return rows;
  },
};
