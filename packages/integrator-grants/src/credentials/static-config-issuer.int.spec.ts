import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformRegistry } from '@rooftop/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGrant } from '../grant.js';
import { StaticConfigCredentialsIssuer } from './static-config-issuer.js';

describe('StaticConfigCredentialsIssuer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-issuer-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps public keys only, rotates on re-issue, reloads after every change', async () => {
    let reloads = 0;
    const issuer = new StaticConfigCredentialsIssuer({ configFile: join(dir, 'auth.conf'), reload: () => Promise.resolve(void reloads++) });
    const grant = parseGrant({ name: 'crm', groupId: 'g1', stores: '*', contexts: '*' }, platformRegistry);
    const first = await issuer.issue(grant);
    const second = await issuer.issue(grant);
    expect(second.publicKey).not.toBe(first.publicKey);
    const conf = readFileSync(join(dir, 'auth.conf'), 'utf8');
    expect(conf).toContain(second.publicKey);
    expect(conf).not.toContain(first.publicKey);
    expect(conf).not.toContain(second.seed);
    expect(conf).toContain('"$JS.API.CONSUMER.MSG.NEXT.INTEGRATOR_CRM.>"');
    expect(await issuer.list()).toEqual(['crm']);
    expect(await issuer.revoke('crm')).toBe(true);
    expect(await issuer.revoke('crm')).toBe(false);
    expect(readFileSync(join(dir, 'auth.conf'), 'utf8')).not.toContain(second.publicKey);
    expect(reloads).toBe(3);
  });
});
