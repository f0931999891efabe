import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commandIssuerKeysVar, commandSigningKeyVar } from './command-keys.js';
import { ConfigError, defineConfig, loadConfig } from './config.js';

const schema = defineConfig({
  COMMAND_ISSUER_KEYS: commandIssuerKeysVar().describe('issuers'),
  COMMAND_SIGNING_KEY: commandSigningKeyVar().optional().describe('signing key'),
});
const ed = generateKeyPairSync('ed25519');
const publicJwk = ed.publicKey.export({ format: 'jwk' });
const privateJwk = { ...ed.privateKey.export({ format: 'jwk' }), kid: 'gw' };
const issuers = (entries: Record<string, unknown>) => JSON.stringify(entries);

const problem = (env: Record<string, string>): string => {
  try {
    loadConfig(schema, env);
    return 'none';
  } catch (error) {
    return error instanceof ConfigError ? error.problems.map((p) => `${p.variable}: ${p.problem}`).join('\n') : 'not a ConfigError';
  }
};

describe('command key variables', () => {
  it('reads issuers (kid → Ed25519 public key, roles, stores, clock) and a signing key', () => {
    const config = loadConfig(schema, {
      COMMAND_ISSUER_KEYS: issuers({
        gw: { key: publicJwk, roles: '*', stores: ['sh-001'] },
        sim: { key: publicJwk, roles: ['consultant'], stores: '*', clock: true },
      }),
      COMMAND_SIGNING_KEY: JSON.stringify(privateJwk),
    });
    expect([...config.COMMAND_ISSUER_KEYS.values()].map(({ kid, roles, stores, clock }) => ({ kid, roles, stores, clock }))).toEqual([
      { kid: 'gw', roles: '*', stores: ['sh-001'], clock: false },
      { kid: 'sim', roles: ['consultant'], stores: '*', clock: true },
    ]);
    expect(config.COMMAND_ISSUER_KEYS.get('gw')!.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(config.COMMAND_SIGNING_KEY).toMatchObject({ kid: 'gw' });
  });

  it('refuses a grant of system, a key that is not Ed25519, an empty map, unknown fields and non-JSON, without echoing values', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    expect(problem({ COMMAND_ISSUER_KEYS: issuers({ gw: { key: publicJwk, roles: ['admin', 'system'], stores: '*' } }) })).toMatch(/may not include system/);
    expect(problem({ COMMAND_ISSUER_KEYS: issuers({ gw: { key: rsa, roles: '*', stores: '*' } }) })).toMatch(/^COMMAND_ISSUER_KEYS/);
    expect(problem({ COMMAND_ISSUER_KEYS: issuers({ gw: { key: { ...publicJwk, x: 'AAAA' }, roles: '*', stores: '*' } }) })).toMatch(
      /not an Ed25519 public JWK/,
    );
    expect(problem({ COMMAND_ISSUER_KEYS: issuers({}) })).toMatch(/at least one issuer/);
    expect(problem({ COMMAND_ISSUER_KEYS: issuers({ gw: { key: publicJwk, roles: '*', stores: '*', admin: true } }) })).toMatch(/^COMMAND_ISSUER_KEYS/);
    expect(problem({ COMMAND_ISSUER_KEYS: 'not json' })).toMatch(/must be JSON/);
    const leaked = problem({
      COMMAND_ISSUER_KEYS: issuers({ gw: { key: publicJwk, roles: '*', stores: '*' } }),
      COMMAND_SIGNING_KEY: JSON.stringify({ ...privateJwk, d: 'AAAA' }),
    });
    expect(leaked).toMatch(/^COMMAND_SIGNING_KEY: /);
    expect(leaked).not.toContain(privateJwk.x);
  });
});
