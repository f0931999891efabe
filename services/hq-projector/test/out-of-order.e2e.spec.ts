import { platformRegistry } from '@rooftop/contracts';
import { type RecordedEvent } from '@rooftop/eventsourcing';
import { eventMessage } from '@rooftop/messaging';
import { uniqueStreamSuffix } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHqProjector } from '../src/index.js';
import { startTestGroup, type TestGroup } from './fixtures/group.js';
import { expectHqEqualsStores, hqCaughtUp, hqConfigFor, readGroupStream } from './fixtures/hq.js';
import { storeScenario } from './fixtures/scenario.js';
import { type TestStore } from './fixtures/store.js';
import { waitFor } from './fixtures/wait.js';

// A store stream that holds the store's events out of log order: what the relay leaves behind when a publish
// is lost mid-window and its retry is stored after later events (no `guardLogOrder` on nats-server 2.9), or
// what `reconcile` re-publishes at the stream's end. HQ must still apply each event once, in its store's log
// order (KPI projections look across streams: an order's lead), so that HQ equals the store exactly.

/** Log order with every 7th event delayed by 1–23 places (a lost publish retried later); deterministic. */
const delayed = (events: readonly RecordedEvent[]): RecordedEvent[] => {
  const out = [...events];
  for (let i = out.length - 1; i >= 0; i--) {
    if (i % 7 !== 3) continue;
    const [event] = out.splice(i, 1);
    out.splice(Math.min(out.length, i + 1 + ((i * 5) % 23)), 0, event!);
  }
  return out;
};

const readLog = async (store: TestStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const batch = await store.store.readAll({ after, maxCount: 500 });
    if (batch.events.length === 0) return events;
    events.push(...batch.events);
    after = batch.events.at(-1)!.globalPosition;
  }
};

describe('HQ over a store stream that holds events out of log order', () => {
  const groupId = `g${uniqueStreamSuffix()}`;
  let group: TestGroup;
  let stores: TestStore[];

  beforeAll(async () => {
    // No relay: this test publishes the stores' events itself, in the order it wants.
    group = await startTestGroup({
      groupId,
      stores: ['Asia/Shanghai', 'Asia/Urumqi'].map((timeZone, i) => ({ storeId: `o${i + 1}`, timeZone })),
      relay: false,
    });
    stores = group.stores;
  });

  afterAll(async () => {
    await group?.dispose();
  });

  it('applies every event once and in its store log order; copies are skipped; HQ equals the stores', async () => {
    const logs: RecordedEvent[][] = [];
    for (const [i, store] of stores.entries()) {
      await store.append(storeScenario({ storeId: store.storeId, groupId, timeZone: store.timeZone, seed: 5 + i, from: 0, count: 40 }));
      const log = await readLog(store);
      logs.push(log);
      const published = delayed(log);
      // Two copies under other message ids (past a dedup window, as a re-added source would bring them).
      const copies = [published[5]!, published[17]!];
      // Each message names the event before it in the log, as the relay's do.
      const previous = new Map(log.map((e, j) => [e.eventId, j > 0 ? log[j - 1]!.globalPosition : 0]));
      for (const event of published) {
        const message = eventMessage(groupId, store.storeId, event, platformRegistry, previous.get(event.eventId));
        await store.js.publish(message.subject, message.body, { msgID: event.eventId, headers: message.headers });
      }
      for (const event of copies) {
        const message = eventMessage(groupId, store.storeId, event, platformRegistry, previous.get(event.eventId));
        await store.js.publish(message.subject, message.body, { msgID: `${event.eventId}:copy`, headers: message.headers });
      }
    }

    const projector = await startHqProjector(hqConfigFor({ groupId, hub: group.hub, db: group.hq }));
    try {
      await waitFor('HQ to apply both stores, holding nothing back', () => hqCaughtUp(group.hq, stores), 60_000);
    } finally {
      await projector.close();
    }

    // The group stream really does hold events of one stream behind their successors (and so of their store).
    const messages = await readGroupStream(group.hub, hqConfigFor({ groupId, hub: group.hub, db: group.hq }).GROUP_STREAM);
    const seen = new Map<string, number>();
    let inversions = 0;
    for (const m of messages) {
      const key = `${m.storeId}/${m.streamId}`;
      if (m.streamVersion < (seen.get(key) ?? 0)) inversions++;
      seen.set(key, Math.max(seen.get(key) ?? 0, m.streamVersion));
    }
    expect(inversions).toBeGreaterThan(5);

    const { rows } = await group.hq.pool.query<{ store_id: string; events: string; skipped: string; held: string }>(
      'SELECT store_id, events, skipped, held FROM hq.store_positions ORDER BY store_id',
    );
    expect(rows.map((r) => [r.store_id, Number(r.events), Number(r.skipped), Number(r.held)])).toEqual(
      stores.map((s, i) => [s.storeId, logs[i]!.length, 2, 0]),
    );
    const { rows: held } = await group.hq.pool.query('SELECT 1 FROM hq.held_events');
    expect(held).toEqual([]);

    await Promise.all(stores.map((s) => s.projectKpis()));
    expect(await expectHqEqualsStores(group.hq, stores)).toBeGreaterThan(20);
  }, 120_000);
});
