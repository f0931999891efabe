import { platformRegistry } from '@rooftop/contracts';
import { EventRelay, eventMessage } from '@rooftop/messaging';
import { openRooftop } from '../rooftop/rooftop-store.js';
import { leadCaptured, leadStream } from '../messaging/lead-events.js';
import { freshStoreStream, openNats } from '../messaging/nats.js';
import { publishPipelined, readEvents, relayDefaultWindow } from '../messaging/raw-publish.js';
import { relayStore } from '../messaging/pools.js';
import { perSecond } from '../stats.js';
import { type BenchSuite, toRow } from '../suite.js';
import { waitUntilReadable } from '../visibility.js';

/** Events in the log the relay drains (seeded before the clock starts). */
export const relayEvents = 50_000;
const seedAppendSize = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const relaySuite: BenchSuite = {
  name: 'relay',
  description: `relay drain: ${relayEvents.toLocaleString('en-US')} stored events to a fresh JetStream stream (EventRelay defaults), until the checkpoint reaches the head`,
  async run(context) {
    const database = await context.database('relay');
    const store = await openRooftop(context, database);
    const nats = await openNats(context, 'relay');
    const { groupId, storeId, stream } = await freshStoreStream(context, nats, 'relay');

    const seedStarted = performance.now();
    let head = 0;
    for (let first = 0; first < relayEvents; first += seedAppendSize) {
      const leadId = `seed${first}`;
      const count = Math.min(seedAppendSize, relayEvents - first);
      const events = Array.from({ length: count }, (_, i) => leadCaptured(groupId, storeId, leadId, first + i));
      const appended = await store.appendToStream(leadStream(leadId), events, { expectedVersion: 'noStream' });
      head = appended.events.at(-1)?.globalPosition ?? head;
    }
    await waitUntilReadable(
      'relay log',
      async () => (await store.headPosition()) >= head,
      (line) => context.log(line),
    );
    context.log(`  seeded ${relayEvents} events in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const relay = new EventRelay({ ...relayStore(context, database), js: nats.js, jsm: nats.jsm, groupId, storeId, registry: platformRegistry });
    context.defer(() => relay.stop());
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await relay.start();
    while (relay.checkpoint < head) await sleep(2);
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    await relay.stop();

    const { state } = await nats.jsm.streams.info(stream);
    if (state.messages !== relayEvents) throw new Error(`the stream holds ${state.messages} messages, expected ${relayEvents}`);
    const rate = perSecond(relayEvents, elapsedMs);
    // CPU time of this process per event is less at the mercy of other load than the wall-clock rate.
    const cpuUsPerEvent = (cpu.user + cpu.system) / relayEvents;
    context.log(
      `  drained ${relayEvents} events in ${(elapsedMs / 1000).toFixed(2)} s: ${Math.round(rate)} events/s, relay process CPU ${cpuUsPerEvent.toFixed(1)} µs/event`,
    );

    // The ceiling in the same run: the same messages published straight from memory to a fresh stream, with
    // the relay's window, without PostgreSQL (read, decode, checkpoint) in between.
    const raw = await freshStoreStream(context, nats, 'relayraw');
    const messages = (await readEvents(store, relayEvents)).map((event, i, all) => ({
      message: eventMessage(raw.groupId, raw.storeId, event, platformRegistry, i > 0 ? all[i - 1]!.globalPosition : 0),
      id: event.eventId,
    }));
    const rawRate = await publishPipelined(nats, messages, relayDefaultWindow);
    context.log(`  raw JetStream publish of the same ${relayEvents} messages (window ${relayDefaultWindow}): ${Math.round(rawRate)} events/s`);
    return [
      toRow({ name: `relay drain (${relayEvents} events)`, value: rate, unit: 'events/s' }),
      toRow({ name: '  raw JetStream pipelined publish', value: rawRate, unit: 'events/s' }),
      toRow({ name: 'relay drain share of raw publish', value: (100 * rate) / rawRate, unit: '%', target: { op: '>=', value: 90 } }),
    ];
  },
};
