import { type AuditResult, serverAudits } from 'graphql-http';
import { natsUrl } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { type RunningGateway, startGateway } from '../src/start.js';
import { codes, graphql } from './fixtures/client.js';
import { type ReadModels, scenarioReadModels } from './fixtures/read-models.js';
import { GROUP, TEST_SECRET, tokenFor } from './fixtures/tokens.js';

// The gateway as it runs: started from its configuration, listening on a port, reached over HTTP.

let models: ReadModels;
let running: RunningGateway;

const env = (extra: Record<string, string> = {}) => ({
  GROUP_ID: GROUP,
  STORE_ID: 'store-a',
  NODE_ENV: 'test',
  DATABASE_URL: models.db.url,
  NATS_URL: natsUrl(),
  GATEWAY_PORT: '0',
  HTTP_HOST: '127.0.0.1',
  JWT_SECRET: TEST_SECRET,
  MAX_QUERY_DEPTH: '3',
  MAX_QUERY_COMPLEXITY: '200',
  ...extra,
});

beforeAll(async () => {
  models = await scenarioReadModels('gateway_http');
  running = await startGateway(loadGatewayConfig(env()));
});
afterAll(async () => {
  await running?.close();
  await models?.close();
});

describe('over HTTP', () => {
  it('passes every MUST of the GraphQL-over-HTTP server audit', async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: `${running.url}/graphql`, fetchFn: fetch })) results.push(await audit.fn());
    const failedMusts = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failedMusts).toEqual([]);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  it('answers /healthz and /readyz with PostgreSQL and NATS checked', async () => {
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Array<{ name: string; ok: boolean }> }).checks.map((c) => [c.name, c.ok])).toEqual([
      ['postgres', true],
      ['nats', true],
    ]);
  });

  it('serves GraphiQL only in development', async () => {
    const page = await fetch(`${running.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('graphiql');
    const dev = await startGateway(loadGatewayConfig(env({ NODE_ENV: 'development' })));
    try {
      const devPage = await fetch(`${dev.url}/graphql`, { headers: { accept: 'text/html' } });
      expect((await devPage.text()).toLowerCase()).toContain('graphiql');
    } finally {
      await dev.close();
    }
  });

  it('rejects over-deep and over-complex queries before execution, with their codes', async () => {
    const token = await tokenFor();
    const kpis = 'kpis(names: ["sales.leads"], from: "2025-03-01", to: "2025-03-31", granularity: DAY)';
    const withinLimits = await graphql(fetch, running.url, `{ stores { ${kpis} { unit } } }`, { token });
    expect(withinLimits.body.errors).toBeUndefined();
    // MAX_QUERY_DEPTH=3 here: stores → kpis → dimensions → brand is 4 deep.
    const tooDeep = await graphql(fetch, running.url, `{ stores { ...S } } fragment S on Store { ${kpis} { dimensions { brand } } }`, { token });
    expect(tooDeep.status).toBe(400);
    expect(codes(tooDeep)).toEqual(['QUERY_TOO_DEEP']);
    // 30 pages of 5 rows: 30 × (1 + 5 × 2) = 330 > MAX_QUERY_COMPLEXITY=200 (and each only 3 deep).
    const pages = Array.from({ length: 30 }, (_, i) => `r${i}: consultantRanking(from: "2025-03-01", to: "2025-03-31", first: 5) { edges { cursor } }`).join(' ');
    const tooComplex = await graphql(fetch, running.url, `{ ${pages} }`, { token });
    expect(tooComplex.status).toBe(400);
    expect(codes(tooComplex)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(tooComplex.body.data).toBeUndefined();
  });

  it('answers syntax errors and unknown fields with coded errors', async () => {
    const syntax = await graphql(fetch, running.url, '{ kpis(', { token: await tokenFor() });
    expect(syntax.status).toBe(400);
    expect(codes(syntax)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const unknown = await graphql(fetch, running.url, '{ nothingHere }', { token: await tokenFor() });
    expect(unknown.status).toBe(400);
    expect(codes(unknown)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
