import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import { portAnswers } from '@rooftop/testkit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` as a newcomer runs it (infra/start.mjs: build, databases, NATS hub + leaves, 3 stores × 5 services,
// HQ, gateways, simulator), with a small simulation and ports/databases of its own: wait for "ready", run the three
// printed example queries over HTTP with the printed tokens (the multi-context one must have parts, insurance and
// HR values for every store), read the demo integrator's stream as the printout says (personal data masked),
// then Ctrl-C and expect a clean exit.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tag = randomBytes(3).toString('hex');
const dbPrefix = `rooftop_t_demo_${tag}`;
const portBase = 20_000 + randomInt(0, 400) * 100;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let child: ChildProcess | undefined;
let output = '';

const waitFor = (pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> =>
  new Promise((resolve, reject) => {
    const check = () => {
      const match = output.match(pattern);
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (child?.exitCode !== null || Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`no ${pattern} in the output of npm start:\n${output.slice(-4000)}`));
      }
    };
    const deadline = Date.now() + timeoutMs;
    const timer = setInterval(check, 200);
  });

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${dbPrefix}_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
});

/** Every root field answered with data: a non-empty list, or a connection with at least one edge. */
const nonEmpty = (data: Record<string, unknown>): string[] =>
  Object.entries(data)
    .filter(([, value]) => !(Array.isArray(value) ? value.length > 0 : ((value as { edges?: unknown[] } | null)?.edges?.length ?? 0) > 0))
    .map(([field]) => field);

describe('npm start', () => {
  it('reaches ready, answers the printed example queries with data, and stops cleanly on Ctrl-C', async () => {
    child = spawn(process.execPath, ['infra/start.mjs'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DEMO_MONTHS: '1',
        DEMO_SCALE: '0.03',
        DEMO_SEED: '7',
        DEMO_DB_PREFIX: dbPrefix,
        GROUP_ID: `t-demo-${tag}`,
        NATS_PORT_BASE: String(portBase),
        OPS_PORT_BASE: String(portBase + 50),
        GATEWAY_PORT: String(portBase + 80),
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(/\[rooftop\] ready: /, 840_000);

    const storeToken = output.match(/^token store user .*: (\S+)$/m)![1]!;
    const hqToken = output.match(/^token HQ analyst .*: (\S+)$/m)![1]!;
    let multiContext = false;
    const examples = [...output.matchAll(/^example \d+ — (.+?) at (http\S+): (\{.*\})$/gm)];
    expect(examples).toHaveLength(3);
    for (const [, who, url, query] of examples) {
      const response = await fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${who!.startsWith('store') ? storeToken : hqToken}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect({ who, status: response.status, errors: body.errors }).toEqual({ who, status: 200, errors: undefined });
      expect(nonEmpty(body.data!)).toEqual([]);
      if (/"parts\.purchases"/.test(query!)) {
        // The multi-context HQ example: the group has values for the parts, insurance and HR KPIs too.
        const stores = (body.data as { stores: { storeId: string; kpis: { name: string; value: number | null }[] }[] }).stores;
        const missing = ['parts.purchases', 'parts.accessorySales', 'insurance.renewalPremium', 'insurance.claimRepairOutput', 'hr.headcount'].filter(
          (name) => !stores.some((s) => s.kpis.some((k) => k.name === name && k.value !== null && k.value > 0)),
        );
        expect(missing).toEqual([]);
        multiContext = true;
      }
    }
    expect(multiContext).toBe(true);
    // The demo integrator, connected the way the printout tells it: its seed, its inbox prefix, its stream only.
    const [, integrator, server, seedFile] = output.match(/^Integrator (\S+) .*: NATS (\S+), nkey seed in (\S+),$/m)!;
    const inboxPrefix = output.match(/^ {2}inbox prefix (\S+);/m)![1]!;
    const nc = await connect({
      servers: server!,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(readFileSync(seedFile!, 'utf8').trim())),
      inboxPrefix,
    });
    try {
      const stream = `INTEGRATOR_${integrator!.toUpperCase().replace(/-/g, '_')}`;
      const lead = await (await jetstreamManager(nc)).streams.getMessage(stream, { last_by_subj: `integrator.${integrator}.events.*.*.sales.LeadCaptured` });
      expect(JSON.parse(new TextDecoder().decode(lead!.data))).toMatchObject({ data: { customerPhone: '***' } });
    } finally {
      await nc.close();
    }
    expect(output).toMatch(/unexpected failures: none/);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toMatch(/\[rooftop\] stopped\n/);
    // Nothing it started is left behind: the NATS hub, a store leaf and both gateways are gone.
    expect(await Promise.all([portBase, portBase + 10, portBase + 80, portBase + 81].map((port) => portAnswers(port)))).toEqual([false, false, false, false]);
  }, 900_000);
});
