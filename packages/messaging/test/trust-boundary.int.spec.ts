import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type Msg, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { commandSubject, contextCommandsFilter, eventSubject, GROUP_STREAM_NAME, storeStreamName } from '@rooftop/contracts';
import { type Hub, type NatsServer, startHub, startNatsServer, startStoreLeaf, type StoreLeaf } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStoreStream } from '../src/jetstream/provision.js';
import { ensureGroupStream } from '../src/topology/group-stream.js';
import { waitFor } from './fixtures/wait.js';

// The attacks of issue 15 against the secured topology (hub + two store leaves), and the flows that must still
// work across it: HQ's sourcing of every store stream, commands from HQ and from a store's own gateway.

const GROUP = 'acme';
const SH = 'sh-001';
const SZ = 'sz-002';
const GROUP_EVENTS = GROUP_STREAM_NAME;

const refused = async (options: Parameters<typeof connect>[0]): Promise<string> =>
  connect({ ...options, reconnect: false, timeout: 5_000 }).then(
    async (nc) => {
      await nc.close();
      return 'connected';
    },
    (error: Error) => error.message,
  );

describe('the trust boundary on the bus', () => {
  let hub: Hub;
  let sh: StoreLeaf;
  let sz: StoreLeaf;
  const open: NatsConnection[] = [];
  const as = async (options: Parameters<typeof connect>[0]) => {
    const nc = await connect({ ...options, noAsyncTraces: true });
    open.push(nc);
    return nc;
  };
  const storeMessages = async (leaf: StoreLeaf, storeId: string) =>
    (await (await jetstreamManager(await as(leaf.connectOptions('sales')))).streams.info(storeStreamName(GROUP, storeId))).state.messages;
  const groupMessages = async () =>
    (await (await jetstreamManager(await as(hub.connectOptions({ zone: 'hq', user: 'hq-projector' })))).streams.info(GROUP_EVENTS)).state.messages;

  beforeAll(async () => {
    hub = await startHub({ groupId: GROUP, storeIds: [SH, SZ] });
    [sh, sz] = await Promise.all([startStoreLeaf(SH, hub), startStoreLeaf(SZ, hub)]);
    await waitFor('both leaves to join the hub', async () => (await hub.leafCount()) === 2);
    // Each store's relay user provisions and fills its stream; HQ sources both, as in production.
    for (const [leaf, storeId] of [
      [sh, SH],
      [sz, SZ],
    ] as const) {
      const nc = await as(leaf.connectOptions('sales'));
      await ensureStoreStream(await jetstreamManager(nc), { groupId: GROUP, storeId });
      const js = jetstream(nc);
      for (let i = 0; i < 3; i += 1) await js.publish(eventSubject(GROUP, storeId, 'sales', 'LeadCaptured'), `{"n":${i}}`, { msgID: `${storeId}-${i}` });
    }
    const projector = await as(hub.connectOptions({ zone: 'hq', user: 'hq-projector' }));
    await ensureGroupStream(await jetstreamManager(projector), { groupId: GROUP, stores: [{ storeId: SH }, { storeId: SZ }] });
    await waitFor('GROUP_EVENTS to source both stores', async () => (await groupMessages()) === 6);
  });
  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close()));
    await Promise.all([sh, sz].map((leaf) => leaf?.dispose()));
    await hub?.dispose();
  });

  it('refuses anonymous clients on the hub and on every leaf', async () => {
    for (const url of [hub.url, sh.url, sz.url]) expect(await refused({ servers: url })).toMatch(/Authorization Violation/i);
  });

  it("refuses a store leaf's credential on the hub's client port (it is a leaf-node credential only)", async () => {
    const password = hub.credentials.leafPasswords[SH]!;
    expect(await refused({ servers: hub.url, user: `leaf-${SH}`, pass: password })).toMatch(/Authorization Violation/i);
  });

  it("sources every store's stream into GROUP_EVENTS across the JetStream domains, new events too", async () => {
    const js = jetstream(await as(sz.connectOptions('sales')));
    await js.publish(eventSubject(GROUP, SZ, 'sales', 'LeadCaptured'), '{"n":3}', { msgID: `${SZ}-3` });
    await waitFor('the new event at HQ', async () => (await groupMessages()) === 7);
  });

  it('carries commands from HQ to each store and from a store gateway to its own store, replies back to the sender only', async () => {
    for (const [leaf, storeId] of [
      [sh, SH],
      [sz, SZ],
    ] as const) {
      const service = await as(leaf.connectOptions('sales'));
      service.subscribe(contextCommandsFilter(storeId, 'sales'), { callback: (_e, msg: Msg) => void msg.respond(`ok from ${storeId}`) });
      await service.flush();
    }
    const hqGateway = await as(hub.connectOptions({ zone: 'hq', user: 'gateway' }));
    for (const storeId of [SH, SZ])
      expect((await hqGateway.request(commandSubject(storeId, 'sales', 'CaptureLead'), '{}', { timeout: 5_000 })).string()).toBe(`ok from ${storeId}`);
    const storeGateway = await as(sh.connectOptions('gateway'));
    expect((await storeGateway.request(commandSubject(SH, 'sales', 'CaptureLead'), '{}', { timeout: 5_000 })).string()).toBe(`ok from ${SH}`);
    await expect(storeGateway.request(commandSubject(SZ, 'sales', 'CaptureLead'), '{}', { timeout: 2_000 })).rejects.toThrow(/Permissions Violation/);
  });

  describe("a whole server holding sh-001's leaf credential, with an unrestricted user of its own", () => {
    let rogue: NatsServer;
    let nc: NatsConnection;
    beforeAll(async () => {
      const url = new URL(hub.leafUrl);
      url.username = `leaf-${SH}`;
      url.password = hub.credentials.leafPasswords[SH]!;
      rogue = await startNatsServer({
        jetstream: false,
        config: `accounts { ROGUE { users: [ { user: root, password: root } ] } }\nleafnodes { remotes: [ { url: ${JSON.stringify(url.toString())}, account: ROGUE } ] }\n`,
      });
      await waitFor('the rogue leaf to join the hub', async () => (await hub.leafCount()) === 3);
      // noEcho: its own forged publishes are not what it could see of others.
      nc = await as({ servers: rogue.url, user: 'root', pass: 'root', noEcho: true });
    });
    afterAll(async () => rogue?.dispose());

    // No responder (or none that answers: the real sh-001 leaf drops what it must not forward) — never an answer.
    it("cannot reach sz-002's JetStream or HQ's", async () => {
      for (const subject of [
        `$JS.${SZ}.API.STREAM.NAMES`,
        `$JS.${SZ}.API.STREAM.INFO.${storeStreamName(GROUP, SZ)}`,
        `$JS.${SZ}.API.CONSUMER.CREATE.${storeStreamName(GROUP, SZ)}`,
        '$JS.hq.API.STREAM.NAMES',
        `$JS.hq.API.STREAM.INFO.${GROUP_EVENTS}`,
        `$JS.hq.API.CONSUMER.CREATE.${GROUP_EVENTS}`,
      ]) {
        const stream = subject.split('.').pop();
        // A well-formed request: an empty one is answered "invalid JSON" by the hub's own API handler in the
        // rogue's account (which has no JetStream), before it looks for the stream.
        const body = subject.includes('CONSUMER.CREATE')
          ? JSON.stringify({ stream_name: stream, config: { ack_policy: 'none', deliver_subject: `rooftop.deliver.${SH}.stolen` } })
          : '';
        await expect(nc.request(subject, body, { timeout: 2_000 }), subject).rejects.toThrow(/no responders|timeout/i);
      }
    });

    it("sees no command or reply of sz-002, nor sz-002's events, and cannot inject events into any store or GROUP_EVENTS", async () => {
      const seen: string[] = [];
      nc.subscribe('>', { callback: (_e, msg) => void seen.push(msg.subject) });
      await nc.flush();
      const before = { sh: await storeMessages(sh, SH), sz: await storeMessages(sz, SZ), group: await groupMessages() };
      // Forged events, as the rogue would publish them for either store.
      for (const storeId of [SH, SZ]) nc.publish(eventSubject(GROUP, storeId, 'sales', 'LeadCaptured'), '{"forged":true}');
      await nc.flush();
      // sz-002's traffic: a command from HQ with its reply, one from its own gateway, a relayed event.
      const hqGateway = await as(hub.connectOptions({ zone: 'hq', user: 'gateway' }));
      await hqGateway.request(commandSubject(SZ, 'sales', 'CaptureLead'), '{}', { timeout: 5_000 });
      await (await as(sz.connectOptions('gateway'))).request(commandSubject(SZ, 'sales', 'CaptureLead'), '{}', { timeout: 5_000 });
      await jetstream(await as(sz.connectOptions('sales'))).publish(eventSubject(GROUP, SZ, 'sales', 'LeadCaptured'), '{"n":4}', { msgID: `${SZ}-4` });
      await waitFor("sz-002's new event at HQ", async () => (await groupMessages()) === before.group + 1);
      // Control: what HQ sends sh-001 does reach the holder of sh-001's credential, so the rogue is listening.
      const control = commandSubject(SH, 'sales', 'Control');
      hqGateway.publish(control, '{}');
      await waitFor('the control command at the rogue', async () => seen.includes(control));
      expect(seen.filter((subject) => subject.includes(SZ) || subject.startsWith('_INBOX') || subject.startsWith('_R_'))).toEqual([]);
      expect({ sh: await storeMessages(sh, SH), sz: await storeMessages(sz, SZ), group: await groupMessages() }).toEqual({
        sh: before.sh,
        sz: before.sz + 1,
        group: before.group + 1,
      });
    });
  });

  it('a publish on the hub from a user with every permission (the system account) reaches no event stream', async () => {
    const before = { sh: await storeMessages(sh, SH), sz: await storeMessages(sz, SZ), group: await groupMessages() };
    const ops = await as(hub.connectOptions({ zone: 'system', user: 'ops' }));
    for (const storeId of [SH, SZ]) ops.publish(eventSubject(GROUP, storeId, 'sales', 'LeadCaptured'), '{"forged":true}');
    ops.publish(`$JS.hq.API.STREAM.PURGE.${GROUP_EVENTS}`, '');
    await ops.flush();
    // Control: a real event published afterwards arrives, so the forged ones had their chance.
    await jetstream(await as(sh.connectOptions('sales'))).publish(eventSubject(GROUP, SH, 'sales', 'LeadCaptured'), '{"n":9}', { msgID: `${SH}-9` });
    await waitFor('the real event at HQ', async () => (await groupMessages()) === before.group + 1);
    expect({ sh: await storeMessages(sh, SH), sz: await storeMessages(sz, SZ) }).toEqual({ sh: before.sh + 1, sz: before.sz });
  });
});
