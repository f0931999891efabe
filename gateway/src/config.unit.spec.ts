import { ConfigError } from '@rooftop/platform';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';
import { deploymentOf } from './start.js';

const secret = 'a-secret-of-at-least-thirty-two-characters';

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
    expect(deploymentOf(loadGatewayConfig({ GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: secret }))).toEqual({ kind: 'store', groupId: 'g1', storeId: 's1' });
    const hq = loadGatewayConfig({ GROUP_ID: 'g1', GATEWAY_SCOPE: 'group', GROUP_STORE_IDS: 's1, s2', JWT_SECRET: secret });
    expect(deploymentOf(hq)).toEqual({ kind: 'group', groupId: 'g1', storeIds: ['s1', 's2'] });
  });

  it('names what is missing or contradictory', () => {
    expect(problemsOf({ GROUP_ID: 'g1', JWT_SECRET: secret })).toEqual(['STORE_ID']);
    expect(problemsOf({ GROUP_ID: 'g1', GATEWAY_SCOPE: 'group', JWT_SECRET: secret })).toEqual(['GROUP_STORE_IDS']);
    expect(problemsOf({ GROUP_ID: 'g1', STORE_ID: 's1' })).toEqual(['JWT_SECRET']);
    expect(problemsOf({ GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: secret, JWT_PUBLIC_KEY: 'pem' })).toEqual(['JWT_SECRET']);
    expect(problemsOf({ GROUP_ID: 'g1', STORE_ID: 's1', JWT_SECRET: 'short' })).toEqual(['JWT_SECRET']);
  });
});
