import { ConfigError } from '@rooftop/platform';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';
import { deploymentOf } from './start.js';
import { createTestCommandIssuer } from '@rooftop/testkit';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const COMMAND_SIGNING_KEY = createTestCommandIssuer({ kid: 'gw-1' }).signingKeyEnv;

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadGatewayConfig(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems.map((p) => p.variable) : ['(not a ConfigError)'];
  }
};

describe('gateway configuration', () => {
  it('makes a store deployment from STORE_ID and a group deployment from GROUP_STORE_IDS', () => {
    expect(deploymentOf(loadGatewayConfig({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: secret }))).toEqual({
      kind: 'store',
      groupId: 'g1',
      storeId: 's1',
    });
    const hq = loadGatewayConfig({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', GATEWAY_SCOPE: 'group', GROUP_STORE_IDS: 's1, s2', JWT_SECRET: secret });
    expect(deploymentOf(hq)).toEqual({ kind: 'group', groupId: 'g1', storeIds: ['s1', 's2'] });
  });

  it('names what is missing or contradictory', () => {
    expect(problemsOf({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', JWT_SECRET: secret })).toEqual(['STORE_ID']);
    expect(problemsOf({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', GATEWAY_SCOPE: 'group', JWT_SECRET: secret })).toEqual(['GROUP_STORE_IDS']);
    expect(problemsOf({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', STORE_ID: 's1' })).toEqual(['JWT_SECRET']);
    expect(problemsOf({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: secret, JWT_PUBLIC_KEY: 'pem' })).toEqual(['JWT_SECRET']);
    expect(problemsOf({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: 'short' })).toEqual(['JWT_SECRET']);
  });

  it('needs an Ed25519 private JWK with a kid to sign command assertions', () => {
    expect(loadGatewayConfig({ COMMAND_SIGNING_KEY, GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: secret }).COMMAND_SIGNING_KEY.kid).toBe('gw-1');
    const publicOnly = JSON.stringify({ ...JSON.parse(COMMAND_SIGNING_KEY), d: undefined });
    for (const key of [
      undefined,
      'not json',
      publicOnly,
      JSON.stringify({ ...JSON.parse(COMMAND_SIGNING_KEY), kid: undefined }),
      JSON.stringify({ ...JSON.parse(COMMAND_SIGNING_KEY), d: 'AAAA' }),
    ]) {
      expect(problemsOf({ ...(key === undefined ? {} : { COMMAND_SIGNING_KEY: key }), GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: secret })).toEqual([
        'COMMAND_SIGNING_KEY',
      ]);
    }
  });
});
