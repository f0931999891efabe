import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { natsUrl, sharedTestCommandIssuer } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReadModels, scenarioReadModels } from './fixtures/read-models.js';
import { GROUP, TEST_SECRET, tokenFor } from './fixtures/tokens.js';

// GATEWAY_WORKERS=2: main.ts as deployed, a primary and two worker processes on one port, each a whole
// gateway; a killed worker is replaced, and SIGTERM to the primary stops them all.

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

let models: ReadModels;
let child: ChildProcess;
let port: number;
const listening: number[] = [];
let output = '';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      server.close(() => resolve(address.port));
    });
  });

const eventually = async (what: string, done: () => boolean): Promise<void> => {
  const deadline = Date.now() + 45_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen; gateway output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** One query on a fresh connection (no keep-alive), so the primary hands each to a worker in turn. */
const storesQuery = (token: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ stores { storeId } }' });
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const startMain = (env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, ['--conditions=@rooftop/source', '--import', 'tsx', main], {
    env: {
      ...process.env,
      GATEWAY_WORKERS: '2',
      GATEWAY_SCOPE: 'group',
      GROUP_ID: GROUP,
      GROUP_STORE_IDS: 'store-a,store-b',
      DATABASE_URL: models.db.url,
      NATS_URL: natsUrl(),
      JWT_SECRET: TEST_SECRET,
      COMMAND_SIGNING_KEY: sharedTestCommandIssuer().signingKeyEnv,
      HTTP_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

beforeAll(async () => {
  models = await scenarioReadModels('gateway_workers');
  port = await freePort();
  child = startMain({});
  let pending = '';
  const read = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; pid?: number };
      if (entry.msg === 'gateway listening' && entry.pid !== undefined) listening.push(entry.pid);
    }
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const pid of listening) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await models?.close();
});

describe('GATEWAY_WORKERS=2', () => {
  it('serves one port from two worker processes, replaces a dead one, and stops all on SIGTERM', async () => {
    await eventually('two workers listening', () => listening.length === 2);
    const [first, second] = listening as [number, number];
    expect(new Set([first, second, child.pid]).size).toBe(3);
    const token = await tokenFor({ storeIds: '*', roles: ['hq_analyst'] });
    const expected = { status: 200, body: JSON.stringify({ data: { stores: [{ storeId: 'store-a' }, { storeId: 'store-b' }] } }) };
    for (let i = 0; i < 6; i++) expect(await storesQuery(token)).toEqual(expected);

    process.kill(first, 'SIGKILL');
    await eventually('a replacement worker listening', () => listening.length === 3);
    expect(listening[2]).not.toBe(first);
    for (let i = 0; i < 6; i++) expect(await storesQuery(token)).toEqual(expected);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await eventually('every worker gone', () => listening.every((pid) => !alive(pid)));
  });

  it('stops with exit code 1 when its workers die before they listen, instead of restarting them in a loop', async () => {
    const broken = startMain({ GATEWAY_PORT: String(await freePort()), NATS_URL: `nats://127.0.0.1:${await freePort()}` });
    let log = '';
    broken.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => broken.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(log).toContain('a gateway worker exited before it listened; stopping the gateway');
  });
});
