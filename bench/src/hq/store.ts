import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { platformRegistry } from '@rooftop/contracts';
import { type PostgresEventStore } from '@rooftop/eventstore-postgres';
import { ensureStoreStream, EventRelay } from '@rooftop/messaging';
import { type Hub, type NatsServer, startStoreLeaf } from '@rooftop/testkit';
import { relayStore } from '../messaging/pools.js';
import { openRooftop } from '../rooftop/rooftop-store.js';
import { type BenchContext } from '../suite.js';

/**
 * One store as it runs in production, minus the command transport: its own database and PostgresEventStore,
 * its own NATS leaf (JetStream domain = store id) linked to the hub, and an EventRelay with a pool of its own.
 * Everything is closed by the harness when the run ends (relay, connection, leaf, then the database).
 */
export interface BenchStore {
  readonly storeId: string;
  readonly timeZone: string;
  readonly store: PostgresEventStore;
  readonly leaf: NatsServer;
  readonly relay: EventRelay;
}

export const startBenchStore = async (context: BenchContext, o: { groupId: string; storeId: string; timeZone: string; hub: Hub }): Promise<BenchStore> => {
  const database = await context.database(`hq_${o.storeId}`);
  // Three stores, their relays and HQ share one PostgreSQL (100 connections): each store's writers get 16. On the
  // testkit's pool of 40 each, appends that queued up on a busy box took the server past its limit.
  const store = await openRooftop(context, database, 16);
  const leaf = await startStoreLeaf(o.storeId, o.hub);
  context.defer(() => leaf.dispose());
  const nc = await connect({ ...leaf.connectOptions('sales'), maxReconnectAttempts: -1, reconnectTimeWait: 200, noAsyncTraces: true });
  context.defer(() => nc.close());
  await ensureStoreStream(await jetstreamManager(nc), { groupId: o.groupId, storeId: o.storeId, maxBytes: 512 * 1024 ** 2 });
  const relaySide = relayStore(context, database);
  const relay = new EventRelay({
    ...relaySide,
    js: jetstream(nc),
    groupId: o.groupId,
    storeId: o.storeId,
    registry: platformRegistry,
    retryMaxMs: 500,
    publishTimeoutMs: 2_000,
  });
  context.defer(() => relay.stop());
  await relay.start();
  return { storeId: o.storeId, timeZone: o.timeZone, store, leaf, relay };
};
