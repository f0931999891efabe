import { platformRegistry } from '@rooftop/contracts';
import { type CredentialSet, generateCredentials, publicKeyOf, renderHubSecurity } from '@rooftop/nats-security';
import { describe, expect, it } from 'vitest';
import { parseGrant } from '../grant.js';
import { NatsSecurityCredentialsIssuer } from './issuer.js';

// The issuer on an in-memory credential set: what it changes in the set and what the hub would be given. The
// reload against a running hub is in test/integrator-feed.e2e.spec.ts and test/cli.int.spec.ts.

describe('NatsSecurityCredentialsIssuer', () => {
  const grant = parseGrant({ name: 'crm', groupId: 'g1', stores: '*', contexts: '*' }, platformRegistry);

  it('adds, rotates and removes the integrator in the one credential set, applying every change', async () => {
    let set: CredentialSet = generateCredentials({ groupId: 'g1', stores: [{ storeId: 's1' }] });
    const applied: CredentialSet[] = [];
    const issuer = new NatsSecurityCredentialsIssuer({ read: () => set, apply: (next) => Promise.resolve(void applied.push((set = next))) });
    const feedSeed = set.seeds['integrators/integrator-feed'];

    const first = await issuer.issue(grant);
    expect(first).toMatchObject({ name: 'crm', inboxPrefix: 'integrator.crm.inbox', publicKey: publicKeyOf(first.seed) });
    expect(await issuer.list()).toEqual(['crm']);
    const second = await issuer.issue(grant);
    expect(second.publicKey).not.toBe(first.publicKey);
    const hub = (await renderHubSecurity(set)).main;
    expect(hub).toContain(second.publicKey);
    expect(hub).not.toContain(first.publicKey);
    expect(hub).not.toContain(second.seed);
    expect(hub).toContain('"$JS.API.CONSUMER.MSG.NEXT.INTEGRATOR_CRM.>"');
    expect(hub).toContain('"integrator.crm.inbox.>"');

    expect(await issuer.revoke('crm')).toBe(true);
    expect(await issuer.revoke('crm')).toBe(false);
    expect(set.seeds['integrators/crm']).toBeUndefined();
    expect(await issuer.list()).toEqual([]);
    // Nobody else's key changed on the way.
    expect(set.seeds['integrators/integrator-feed']).toBe(feedSeed);
    expect(applied).toHaveLength(3);
  });
});
