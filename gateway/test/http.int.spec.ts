import { request } from 'node:http';
import { connect } from 'node:net';
import { type AuditResult, serverAudits } from 'graphql-http';
import { natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';
import { type RunningGateway, startGateway } from '../src/start.js';
import { codes, graphql } from './fixtures/client.js';
import { type ReadModels, scenarioReadModels } from './fixtures/read-models.js';
import { GROUP, TEST_SECRET, tokenFor } from './fixtures/tokens.js';

// The gateway as it runs: started from its configuration, listening on a port, reached over HTTP.

let models: ReadModels;

/** POSTs `chunks` to /graphql, chunked (no Content-Length) unless `contentLength` is given. */
const post = (url: string, chunks: readonly string[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });

/** Sends raw bytes on a fresh socket and returns the status line of the answer. */
const rawStatusLine = (url: string, raw: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.end(raw));
    let received = '';
    socket.on('data', (part: Buffer) => (received += part.toString('latin1')));
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
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
  COMMAND_SIGNING_KEY: sharedTestCommandIssuer().signingKeyEnv,
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
    // The audit's variables cases ask `__type(name: $name)`: introspection on, as in the demo.
    const introspective = await startGateway(loadGatewayConfig(env({ GATEWAY_INTROSPECTION: 'true' })));
    try {
      const results: AuditResult[] = [];
      for (const audit of serverAudits({ url: `${introspective.url}/graphql`, fetchFn: fetch })) results.push(await audit.fn());
      const failedMusts = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
      expect(failedMusts).toEqual([]);
      expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
    } finally {
      await introspective.close();
    }
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

  it('serves neither GraphiQL nor introspection unless switched on, and GraphiQL then from itself alone', async () => {
    const token = await tokenFor();
    const page = await fetch(`${running.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('graphiql');
    const introspection = await graphql(fetch, running.url, '{ __schema { queryType { name } } }', { token });
    expect([introspection.status, codes(introspection)]).toEqual([400, ['INTROSPECTION_DISABLED']]);
    // __typename is no introspection of the schema: clients tell union members apart with it.
    expect((await graphql(fetch, running.url, '{ __typename }', { token })).body).toEqual({ data: { __typename: 'Query' } });

    const demo = await startGateway(loadGatewayConfig(env({ NODE_ENV: 'development', GRAPHIQL: 'true' })));
    try {
      const html = await (await fetch(`${demo.url}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
      // Scripts, styles, workers and icon are in the page: nothing is loaded from another host.
      expect(html.match(/(?:src|href)=["']?https?:/g) ?? []).toEqual([]);
      expect(html).not.toMatch(/unpkg|jsdelivr|cdnjs/);
      const answered = await graphql(fetch, demo.url, '{ __schema { queryType { name } } }', { token });
      expect(answered.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await demo.close();
    }
  });

  it('allows cross-origin calls from the listed origins only, and credentials for none other', async () => {
    const listed = await startGateway(loadGatewayConfig(env({ GATEWAY_CORS_ORIGINS: 'https://dms.example.cn, http://localhost:5173' })));
    try {
      const corsOf = (response: Response) => ({
        origin: response.headers.get('access-control-allow-origin'),
        credentials: response.headers.get('access-control-allow-credentials'),
        vary: response.headers.get('vary'),
      });
      const preflight = (origin: string) =>
        fetch(`${listed.url}/graphql`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
        });
      const allowed = await preflight('https://dms.example.cn');
      expect([allowed.status, corsOf(allowed), allowed.headers.get('access-control-allow-headers')]).toEqual([
        204,
        { origin: 'https://dms.example.cn', credentials: 'true', vary: 'Origin' },
        'authorization, content-type, accept, traceparent',
      ]);
      const refused = await preflight('https://evil.example');
      expect([refused.status, corsOf(refused), refused.headers.get('access-control-allow-methods')]).toEqual([
        204,
        { origin: null, credentials: null, vary: 'Origin' },
        null,
      ]);
      const token = await tokenFor();
      const post = (origin: string) => graphql(fetch, listed.url, '{ stores { storeId } }', { token, headers: { origin } });
      for (const [origin, expected] of [
        ['http://localhost:5173', { origin: 'http://localhost:5173', credentials: 'true', vary: 'Origin' }],
        ['https://evil.example', { origin: null, credentials: null, vary: 'Origin' }],
      ] as const) {
        const response = await fetch(`${listed.url}/graphql`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: '{"query":"{ stores { storeId } }"}',
        });
        expect(corsOf(response)).toEqual(expected);
      }
      expect((await post('https://evil.example')).body.data).toEqual({ stores: [{ storeId: 'store-a' }] });
      // No allowlist (the default): no origin gets any CORS header.
      const none = await fetch(`${running.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://dms.example.cn', 'access-control-request-method': 'POST' },
      });
      expect(corsOf(none)).toEqual({ origin: null, credentials: null, vary: 'Origin' });
    } finally {
      await listed.close();
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
    const pages = Array.from({ length: 30 }, (_, i) => `r${i}: consultantRanking(from: "2025-03-01", to: "2025-03-31", first: 5) { edges { cursor } }`).join(
      ' ',
    );
    const tooComplex = await graphql(fetch, running.url, `{ ${pages} }`, { token });
    expect(tooComplex.status).toBe(400);
    expect(codes(tooComplex)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(tooComplex.body.data).toBeUndefined();
    // The limits are checked before the schema validation, which an over-limit document never reaches.
    const tooComplexAndUnknown = await graphql(fetch, running.url, `{ ${pages} nothingHere }`, { token });
    expect([tooComplexAndUnknown.status, codes(tooComplexAndUnknown)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
  });

  it('answers syntax errors and unknown fields with coded errors', async () => {
    const syntax = await graphql(fetch, running.url, '{ kpis(', { token: await tokenFor() });
    expect(syntax.status).toBe(400);
    expect(codes(syntax)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const unknown = await graphql(fetch, running.url, '{ nothingHere }', { token: await tokenFor() });
    expect(unknown.status).toBe(400);
    expect(codes(unknown)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a request body over MAX_REQUEST_BODY_BYTES, declared or chunked, and answers the ones within it', async () => {
    const small = await startGateway(loadGatewayConfig(env({ MAX_REQUEST_BODY_BYTES: '2000' })));
    try {
      const token = await tokenFor();
      const query = (padding: number) => JSON.stringify({ query: `{ stores { storeId } }${' '.repeat(padding)}` });
      const auth = { authorization: `Bearer ${token}` };
      // Within the limit: with a Content-Length (the header alone decides) and chunked (counted as it arrives).
      const declared = await post(small.url, [query(1000)], { ...auth, 'content-length': String(Buffer.byteLength(query(1000))) });
      expect([declared.status, JSON.parse(declared.body)]).toEqual([200, { data: { stores: [{ storeId: 'store-a' }] } }]);
      const chunked = await post(small.url, [query(1000).slice(0, 500), query(1000).slice(500)], auth);
      expect([chunked.status, JSON.parse(chunked.body)]).toEqual([200, { data: { stores: [{ storeId: 'store-a' }] } }]);
      // Over it: refused on the declared length, or once the chunks counted pass it.
      const big = query(3000);
      const declaredBig = await post(small.url, [big], { ...auth, 'content-length': String(Buffer.byteLength(big)) });
      expect(declaredBig.status).toBe(413);
      expect((JSON.parse(declaredBig.body) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual([
        'REQUEST_ENTITY_TOO_LARGE',
      ]);
      const chunkedBig = await post(small.url, [big.slice(0, 1500), big.slice(1500)], auth);
      expect(chunkedBig.status).toBe(413);
      expect((JSON.parse(chunkedBig.body) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual([
        'REQUEST_ENTITY_TOO_LARGE',
      ]);
      // A small declared length cannot smuggle a larger chunked body: Node's parser refuses both headers together.
      const smuggled = `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 10\r\ntransfer-encoding: chunked\r\n\r\n${(3000).toString(16)}\r\n${' '.repeat(3000)}\r\n0\r\n\r\n`;
      expect(await rawStatusLine(small.url, smuggled)).toBe('HTTP/1.1 400 Bad Request');
    } finally {
      await small.close();
    }
  });
});
