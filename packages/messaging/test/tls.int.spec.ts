import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { commandSubject, contextCommandsFilter, eventSubject } from '@rooftop/contracts';
import { type Hub, startHub, startStoreLeaf, type StoreLeaf } from '@rooftop/testkit';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStoreStream } from '../src/jetstream/provision.js';
import { ensureGroupStream } from '../src/topology/group-stream.js';
import { waitFor } from './fixtures/wait.js';

// The secured topology with TLS on client and leaf connections (a CA made for the run, on loopback), as
// docker-compose runs it.

const GROUP = 'acme';
const SH = 'sh-001';

/** The INFO a server greets a TCP client with, before any TLS handshake. */
const greeting = (port: number): Promise<{ tls_required?: boolean }> =>
  new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(JSON.parse(chunk.toString('utf8').replace(/^INFO /, '')) as { tls_required?: boolean });
    });
    socket.once('error', reject);
  });

describe('the secured topology over TLS', () => {
  let hub: Hub;
  let sh: StoreLeaf;
  beforeAll(async () => {
    hub = await startHub({ groupId: GROUP, storeIds: [SH], tls: true });
    sh = await startStoreLeaf(SH, hub);
    await waitFor('the leaf to link over TLS', async () => (await hub.leafCount()) === 1);
  });
  afterAll(async () => {
    await sh?.dispose();
    await hub?.dispose();
  });

  it('links the leaf over TLS, sources its stream into GROUP_EVENTS and carries HQ commands', async () => {
    const leafz = (await (await fetch(`${hub.monitorUrl}/leafz`)).json()) as { leafs: { account: string }[] };
    expect(leafz.leafs.map((l) => l.account)).toEqual(['STORE_SH_001']);
    const service = await connect(sh.connectOptions('sales'));
    const projector = await connect(hub.connectOptions({ zone: 'hq', user: 'hq-projector' }));
    const gateway = await connect(hub.connectOptions({ zone: 'hq', user: 'gateway' }));
    try {
      await ensureStoreStream(await jetstreamManager(service), { groupId: GROUP, storeId: SH });
      await jetstream(service).publish(eventSubject(GROUP, SH, 'sales', 'LeadCaptured'), '{}', { msgID: 'e1' });
      const jsm = await jetstreamManager(projector);
      await ensureGroupStream(jsm, { groupId: GROUP, stores: [{ storeId: SH }] });
      await waitFor('the event at HQ', async () => (await jsm.streams.info('GROUP_EVENTS')).state.messages === 1);
      service.subscribe(contextCommandsFilter(SH, 'sales'), { callback: (_e, msg) => void msg.respond('ok') });
      await service.flush();
      // The subscription's interest reaches the hub over the leaf link a moment after the store has it: ask until
      // a request finds the responder (a request before that gets "no responders").
      let reply = '';
      await waitFor('a command from HQ answered over the leaf', async () => {
        reply = await gateway.request(commandSubject(SH, 'sales', 'CaptureLead'), '{}', { timeout: 1_000 }).then(
          (msg) => msg.string(),
          () => '',
        );
        return reply !== '';
      });
      expect(reply).toBe('ok');
    } finally {
      await Promise.all([service.close(), projector.close(), gateway.close()]);
    }
  });

  it('requires TLS of every client, and refuses one that does not trust the CA', async () => {
    for (const port of [hub.port, sh.port]) expect((await greeting(port)).tls_required).toBe(true);
    const { tls: _ca, ...withoutCa } = hub.connectOptions({ zone: 'hq', user: 'gateway' });
    await expect(connect({ ...withoutCa, reconnect: false, timeout: 3_000 })).rejects.toThrow(/verify|certificate/i);
  });
});
