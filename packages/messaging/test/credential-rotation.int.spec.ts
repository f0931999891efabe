import { type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { commandSubject } from '@rooftop/contracts';
import { generateCredentials, rotateCredentials, type UserRef } from '@rooftop/nats-security';
import { type Hub, startHub, startNatsServer, startStoreLeaf, type StoreLeaf } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './fixtures/wait.js';

// Rotation and revocation without a restart: new secrets rendered, the server reloaded (SIGHUP), the old secret
// refused and its live connection closed, the new one accepted. docs/operations.md, "NATS credentials".

const GROUP = 'acme';
const SH = 'sh-001';

const outcome = (options: Parameters<typeof connect>[0]): Promise<string> =>
  connect({ ...options, reconnect: false, timeout: 5_000 }).then(
    async (nc) => {
      await nc.close();
      return 'accepted';
    },
    (error: Error) => (/Authorization Violation/i.test(error.message) ? 'refused' : error.message),
  );

describe('credential rotation and revocation (reload, no restart)', () => {
  let hub: Hub;
  let sh: StoreLeaf;
  beforeAll(async () => {
    hub = await startHub({ groupId: GROUP, storeIds: [SH], integrators: ['acme-crm', 'other-crm'] });
    sh = await startStoreLeaf(SH, hub);
    await waitFor('the leaf to join', async () => (await hub.leafCount()) === 1);
  });
  afterAll(async () => {
    await sh?.dispose();
    await hub?.dispose();
  });

  it("rotates a store service's nkey: the old seed is refused and its connection closed, the new one accepted", async () => {
    const before = sh.connectOptions('workshop');
    const live: NatsConnection = await connect({ ...before, reconnect: false });
    const closed = live.closed();
    const pids = { leaf: sh.pid(), hub: hub.pid() };
    await sh.reload(rotateCredentials(hub.credentials, ['store/sh-001/workshop']));
    await closed;
    expect(await outcome(before)).toBe('refused');
    expect(await outcome(sh.connectOptions('workshop'))).toBe('accepted');
    expect(await outcome(sh.connectOptions('sales'))).toBe('accepted');
    expect({ leaf: sh.pid(), hub: hub.pid() }).toEqual(pids);
  });

  it('revokes an integrator: its live connection is closed and it cannot connect again; the others keep theirs', async () => {
    const acme: UserRef = { zone: 'integrators', user: 'integrator:acme-crm' };
    const other: UserRef = { zone: 'integrators', user: 'integrator:other-crm' };
    const revoked = hub.connectOptions(acme);
    const live = await connect({ ...revoked, reconnect: false });
    const closed = live.closed();
    const otherLive = await connect({ ...hub.connectOptions(other), reconnect: false });
    await hub.reload(generateCredentials({ ...hub.credentials.topology, integrators: ['other-crm'] }, hub.credentials));
    await closed;
    expect(await outcome(revoked)).toBe('refused');
    expect(otherLive.isClosed()).toBe(false);
    await otherLive.close();
  });

  it("rotates a store leaf's password: the hub and the leaf restart with it (2.9.10), the old one no longer links", async () => {
    const oldPassword = hub.credentials.leafPasswords[SH]!;
    const rotated = rotateCredentials(hub.credentials, [`leaf/${SH}`]);
    // A changed leaf password restarts the hub (leafLinkChanged): both keep their JetStream data.
    await hub.reload(rotated);
    const probeLeaf = (password: string) => {
      const url = new URL(hub.leafUrl);
      url.username = `leaf-${SH}`;
      url.password = password;
      return startNatsServer({ jetstream: false, config: `leafnodes { remotes: [ { url: ${JSON.stringify(url.toString())} } ] }\n` });
    };
    // The old password dials first, the new one after it: once the new one has linked, the old one had its turn.
    const withOld = await probeLeaf(oldPassword);
    const withNew = await probeLeaf(rotated.leafPasswords[SH]!);
    try {
      await waitFor('a leaf with the new password to link', async () => (await hub.leafCount()) >= 1);
      const linked = (await (await fetch(`${hub.monitorUrl}/leafz`)).json()) as { leafs: { port: number }[] };
      expect(linked.leafs).toHaveLength(1);
    } finally {
      await Promise.all([withOld.dispose(), withNew.dispose()]);
    }
    await sh.reload(rotated);
    await waitFor('the store leaf to re-link with its new password', async () => (await hub.leafCount()) === 1);
    const hq = await connect(hub.connectOptions({ zone: 'hq', user: 'gateway' }));
    const service = await connect(sh.connectOptions('sales'));
    service.subscribe(commandSubject(SH, 'sales', 'Ping'), { callback: (_e, msg) => void msg.respond('pong') });
    await service.flush();
    await waitFor('a command from HQ to reach the store', () =>
      hq.request(commandSubject(SH, 'sales', 'Ping'), '', { timeout: 1_000 }).then(
        (m) => m.string() === 'pong',
        () => false,
      ),
    );
    await Promise.all([hq.close(), service.close()]);
  });
});
