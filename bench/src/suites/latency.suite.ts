import { platformRegistry, storeEventsFilter } from '@rooftop/contracts';
import { EVENT_HEADERS, EventRelay, runDurableConsumer } from '@rooftop/messaging';
import { openRooftop } from '../rooftop/rooftop-store.js';
import { leadCaptured, leadStream } from '../messaging/lead-events.js';
import { freshStoreStream, openNats } from '../messaging/nats.js';
import { ownPool, relayStore } from '../messaging/pools.js';
import { runPaced } from '../messaging/paced.js';
import { percentile, perSecond } from '../stats.js';
import { type BenchSuite, toRow } from '../suite.js';

export const latencyRate = 500;
/** The measured window is 2.5 × `--duration` (20 s at the default 8 s). */
export const latencyDurationFactor = 2.5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const latencySuite: BenchSuite = {
  name: 'latency',
  description: `commit → consumer latency: ${latencyRate} single-event appends/s through PostgresEventStore, EventRelay and runDurableConsumer`,
  async run(context) {
    const database = await context.database('latency');
    const store = await openRooftop(context, database);
    const nats = await openNats(context, 'latency');
    const { groupId, storeId, stream } = await freshStoreStream(context, nats, 'latency');

    // Writers, relay and consumer share the process (one clock) but not a pool, as three processes would not.
    const relaySide = relayStore(context, database);
    const relay = new EventRelay({ ...relaySide, js: nats.js, jsm: nats.jsm, groupId, storeId, registry: platformRegistry });
    context.defer(() => relay.stop());
    await relay.start();

    // Same process, same clock. Commit: appendToStream returned (COMMIT acknowledged). Published: the relay's
    // publish seen by a plain subscriber on the store's subjects (splits the latency into relay and consumer
    // parts). Received: the durable consumer calls its handler (decoded, validated, inbox row claimed).
    const committedAt = new Map<string, number>();
    const publishedAt = new Map<string, number>();
    const receivedAt = new Map<string, number>();
    const wire = nats.nc.subscribe(storeEventsFilter(groupId, storeId), {
      callback: (_error, msg) => {
        const id = msg.headers?.get(EVENT_HEADERS.msgId);
        if (id && !publishedAt.has(id)) publishedAt.set(id, performance.now());
      },
    });
    context.defer(async () => wire.unsubscribe());
    const consumer = await runDurableConsumer({
      js: nats.js,
      jsm: nats.jsm,
      stream,
      durable: 'bench-latency',
      filterSubjects: storeEventsFilter(groupId, storeId),
      pool: ownPool(context, database, 4),
      inboxSchema: 'bench_latency',
      registry: platformRegistry,
      handler: async (event) => {
        if (!receivedAt.has(event.eventId)) receivedAt.set(event.eventId, performance.now());
      },
    });
    context.defer(() => consumer.stop());

    const measuredIds: string[] = [];
    const cpuBefore = process.cpuUsage();
    const result = await runPaced({
      ratePerSecond: latencyRate,
      warmupMs: context.options.warmupMs,
      durationMs: context.options.durationMs * latencyDurationFactor,
      operation: async (index, measured) => {
        const leadId = `lat${index}`;
        const event = leadCaptured(groupId, storeId, leadId, index);
        if (measured) measuredIds.push(event.eventId);
        await store.appendToStream(leadStream(leadId), [event], { expectedVersion: 'noStream' });
        committedAt.set(event.eventId, performance.now());
      },
    });
    const cpu = process.cpuUsage(cpuBefore);
    const busy = (cpu.user + cpu.system) / 1000 / (context.options.warmupMs + context.options.durationMs * latencyDurationFactor);
    if (result.errors.length > 0) throw new Error(`${result.errors.length} appends failed, first: ${String(result.errors[0])}`);

    const deadline = performance.now() + 120_000;
    while (measuredIds.some((id) => !receivedAt.has(id))) {
      const { failures, deadLettered } = consumer.stats;
      if (failures + deadLettered > 0) throw new Error(`the consumer failed ${failures} deliveries and dead-lettered ${deadLettered} messages`);
      if (performance.now() > deadline) {
        const missing = measuredIds.filter((id) => !receivedAt.has(id)).length;
        const { state } = await nats.jsm.streams.info(stream);
        throw new Error(
          `${missing} of ${measuredIds.length} events did not reach the consumer within 120 s (stream holds ${state.messages} messages, ` +
            `relay checkpoint ${relay.checkpoint}, store head ${await store.headPosition()}, consumer stats ${JSON.stringify(consumer.stats)})`,
        );
      }
      await sleep(20);
    }
    const total = measuredIds.map((id) => receivedAt.get(id)! - committedAt.get(id)!);
    const relayPart = measuredIds.filter((id) => publishedAt.has(id)).map((id) => publishedAt.get(id)! - committedAt.get(id)!);
    const consumerPart = measuredIds.filter((id) => publishedAt.has(id)).map((id) => receivedAt.get(id)! - publishedAt.get(id)!);
    const p50 = percentile(total, 50);
    const p99 = percentile(total, 99);
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    context.log(
      `  ${total.length} events at ${Math.round(perSecond(result.measured, result.elapsedMs))}/s: p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...total))}` +
        ` (max start lag ${ms(result.maxStartLagMs)}, process CPU ${Math.round(busy * 100)} % of a core, consumer duplicates ${consumer.stats.duplicates})`,
    );
    context.log(
      `  commit→published p50 ${ms(percentile(relayPart, 50))}, p99 ${ms(percentile(relayPart, 99))};` +
        ` published→handler p50 ${ms(percentile(consumerPart, 50))}, p99 ${ms(percentile(consumerPart, 99))}`,
    );
    return [
      toRow({ name: `commit→consumer p50 (@${latencyRate}/s)`, value: p50, unit: 'ms', target: { op: '<=', value: 5 } }),
      toRow({ name: `commit→consumer p99 (@${latencyRate}/s)`, value: p99, unit: 'ms', target: { op: '<=', value: 20 } }),
      toRow({ name: '  of which commit→published p99', value: percentile(relayPart, 99), unit: 'ms' }),
    ];
  },
};
