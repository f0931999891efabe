import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { type NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway } from '../src/yoga.js';
import { codes, graphql } from './fixtures/client.js';
import { connectNats, inProcess, storeA, testGateway } from './fixtures/gateway.js';
import { type Hostile, hostileRequests } from './fixtures/hostile.js';
import { tokenFor } from './fixtures/tokens.js';

// The gateway under a generated corpus of hostile requests (fast-check, fixed seed), through yoga.fetch: the
// same request handling the HTTP server runs (createServer(gateway) hands every request to it), without
// sockets. Every request must be refused with a 4xx whose errors all carry a code its kind allows — never a
// 500, never INTERNAL, never data — and the gateway must answer normally and hold no more memory afterwards.

const RUNS = 10_000;
const SEED = 20_261_206;
/** Heap growth allowed over the corpus, after a full collection (the accepted-document cache alone may hold 16 MB). */
const HEAP_BOUND = 50 * 1024 * 1024;

// A full collection on demand, for the heap check: V8's gc() exposed for this worker only.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const heapAfterCollection = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};

let db: TestDatabase;
let nc: NatsConnection;
let gateway: Gateway;
let salesManager: string;

beforeAll(async () => {
  // An empty database: a hostile request must never get as far as reading it.
  db = await createTestDatabase('gateway_abuse');
  nc = await connectNats();
  gateway = await testGateway(storeA, db.pool, nc);
  salesManager = await tokenFor({ roles: ['sales_manager'] });
});
afterAll(async () => {
  await nc?.close();
  await db?.drop();
});

interface Answer {
  readonly status: number;
  readonly codes: unknown[];
  readonly data: unknown;
}

const send = async (hostile: Hostile): Promise<Answer> => {
  const response = await gateway.fetch(`http://gateway${hostile.path}`, {
    method: hostile.method,
    headers: hostile.headers,
    ...(hostile.body === undefined ? {} : { body: hostile.body }),
  });
  const text = await response.text();
  let body: { errors?: Array<{ extensions?: { code?: unknown } }>; data?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { status: response.status, codes: [`(not JSON: ${text.slice(0, 80)})`], data: undefined };
  }
  const data = body.data && Object.values(body.data as Record<string, unknown>).some((v) => v !== null) ? body.data : undefined;
  return { status: response.status, codes: (body.errors ?? []).map((e) => e.extensions?.code), data };
};

describe('the gateway under attack', () => {
  it(`refuses ${RUNS.toLocaleString('en')} hostile requests with a 4xx and a typed code, and stays up with its heap bounded`, async () => {
    const before = heapAfterCollection();
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostileRequests({ salesManager }), async (hostile) => {
        kinds.set(hostile.kind, (kinds.get(hostile.kind) ?? 0) + 1);
        const answer = await send(hostile);
        const allowed =
          answer.status >= 400 &&
          answer.status < 500 &&
          answer.codes.length > 0 &&
          answer.codes.every((c) => hostile.codes.includes(c as string)) &&
          answer.data === undefined;
        if (!allowed)
          throw new Error(
            `${hostile.kind}: HTTP ${answer.status}, codes ${JSON.stringify(answer.codes)}, data ${JSON.stringify(answer.data)?.slice(0, 200)}; allowed ${hostile.codes.join(', ')}`,
          );
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Every kind came up, a few hundred times each at least (the weights in hostile.ts).
    expect([...kinds.keys()].sort()).toEqual(
      [
        'alias bomb',
        'bad content-length',
        'bad cursor',
        'bad page size',
        'body over the limit',
        'deep JSON input',
        'deep list literal',
        'deep object literal',
        'deep selection',
        'deep variables',
        'fragment chain',
        'garbage document',
        'huge comment',
        'huge cursor',
        'huge operation name',
        'huge string literal',
        'invalid UTF-8',
        'last without before',
        'mutation over GET',
        'wrong date',
        'wrong field type',
        'wrong media type',
        'wrong method',
        'wrong variable type',
      ].sort(),
    );
    expect([...kinds.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);

    // Still answering, and answering right.
    const alive = await graphql(inProcess(gateway), 'http://gateway', '{ stores { storeId } kpiDefinitions { name } }', { token: salesManager });
    expect([alive.status, codes(alive), (alive.body.data?.stores as unknown[]).length]).toEqual([200, [], 1]);
    expect((await gateway.fetch('http://gateway/healthz')).status).toBe(200);
    expect(heapAfterCollection() - before).toBeLessThan(HEAP_BOUND);
  }, 300_000);
});
