import { describe, expect, it } from 'vitest';
import { generateCredentials, publicKeyOf, rotateCredentials } from './credentials.js';
import { withIntegrator, withoutIntegrator } from './deployment.js';
import { permissionsOf } from './permissions.js';
import { leafLinkChanged } from './reload.js';
import { renderHubSecurity, renderStoreSecurity } from './render.js';
import { inboxPrefix, type SecurityTopology, validateTopology } from './topology.js';

const topology: SecurityTopology = { groupId: 'acme', stores: [{ storeId: 'sh-001' }, { storeId: 'sz-002' }], integrators: ['acme-crm'] };

describe('credentials', () => {
  it('keeps every secret a previous set has and creates the rest; a user left out of the topology is gone', () => {
    const first = generateCredentials(topology);
    const second = generateCredentials({ ...topology, integrators: [] }, first);
    expect(second.seeds['store/sh-001/sales']).toBe(first.seeds['store/sh-001/sales']);
    expect(second.leafPasswords).toEqual(first.leafPasswords);
    expect(second.seeds['integrators/acme-crm']).toBeUndefined();
  });

  it("adds and removes one integrator, its inbox and deliver subjects the contracts' names", () => {
    const set = generateCredentials(topology);
    const added = withIntegrator(set, 'oem');
    expect(withIntegrator(added, 'oem')).toEqual(added);
    expect(Object.keys(added.seeds).filter((k) => set.seeds[k] !== added.seeds[k])).toEqual(['integrators/oem']);
    expect(withoutIntegrator(added, 'oem').seeds).toEqual(set.seeds);
    const ref = { zone: 'integrators', user: 'integrator:oem' } as const;
    expect(inboxPrefix(ref)).toBe('integrator.oem.inbox');
    expect(permissionsOf(added.topology, ref).subscribe).toEqual(['integrator.oem.inbox.>', 'integrator.oem.deliver', 'integrator.oem.deliver.>']);
  });

  it('rotates exactly the named users and leaves, and refuses a name it does not know', () => {
    const set = generateCredentials(topology);
    const rotated = rotateCredentials(set, ['hq/gateway', 'leaf/sz-002']);
    const changed = Object.keys(set.seeds).filter((k) => set.seeds[k] !== rotated.seeds[k]);
    expect(changed).toEqual(['hq/gateway']);
    expect(rotated.leafPasswords['sh-001']).toBe(set.leafPasswords['sh-001']);
    expect(rotated.leafPasswords['sz-002']).not.toBe(set.leafPasswords['sz-002']);
    expect(leafLinkChanged(set, rotated, ['sh-001'])).toBe(false);
    expect(leafLinkChanged(set, rotated)).toBe(true);
    expect(() => rotateCredentials(set, ['hq/nobody'])).toThrow(TypeError);
  });

  it('refuses ids that would break subjects, names or the split between command and event subjects', () => {
    expect(() => validateTopology({ groupId: 'acme', stores: [{ storeId: 'SH 001' }] })).toThrow(TypeError);
    expect(() => validateTopology({ groupId: 'acme', stores: [{ storeId: 'acme' }] })).toThrow(/group's id/);
    expect(() => validateTopology({ groupId: 'acme', stores: [{ storeId: 'a' }, { storeId: 'a' }] })).toThrow(/twice/);
    expect(() => validateTopology({ groupId: 'acme', stores: [], integrators: ['integrator-feed'] })).toThrow(TypeError);
  });
});

describe('rendered server files', () => {
  it('hold public keys and a bcrypt hash, never a seed or a leaf password, and no anonymous user', async () => {
    const set = generateCredentials(topology);
    const hub = await renderHubSecurity(set);
    const leaf = renderStoreSecurity(set, 'sh-001', { hubLeafUrl: 'nats-leaf://hub:7422' });
    for (const seed of Object.values(set.seeds)) {
      expect(hub.main).not.toContain(seed);
      expect(leaf).not.toContain(seed);
    }
    expect(hub.main).toContain(publicKeyOf(set.seeds['hq/hq-projector']!));
    expect(hub.main).not.toContain(set.leafPasswords['sh-001']);
    expect(hub.main).toMatch(/password: "\$2[aby]\$10\$/);
    expect(`${hub.main}${leaf}`).not.toMatch(/no_auth_user/);
    // The leaf's own secret is in its remote URL only, and no other store's users are there.
    expect(leaf).toContain(`leaf-sh-001:${set.leafPasswords['sh-001']}@hub:7422`);
    expect(leaf).not.toContain(publicKeyOf(set.seeds['store/sz-002/sales']!));
  });

  it("gives the event subjects of a store to the relay's service alone", () => {
    const relay = permissionsOf(topology, { zone: 'store', storeId: 'sh-001', user: 'sales' });
    const other = permissionsOf({ ...topology, relayService: 'parts' }, { zone: 'store', storeId: 'sh-001', user: 'sales' });
    expect(relay.publish).toContain('rooftop.acme.sh-001.>');
    expect(other.publish).not.toContain('rooftop.acme.sh-001.>');
    expect(permissionsOf({ ...topology, relayService: 'parts' }, { zone: 'store', storeId: 'sh-001', user: 'parts' }).publish).toContain(
      'rooftop.acme.sh-001.>',
    );
  });
});
