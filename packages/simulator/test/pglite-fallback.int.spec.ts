import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { migrateEventStore, PostgresEventStore } from '@rooftop/eventstore-postgres';
import { describeEventStoreContract, portAnswers } from '@rooftop/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The fallback of `npm start` when no PostgreSQL answers: infra/start/pglite-server.mjs, as start.mjs runs it (its
// own process, one in-memory PGlite per database behind one loopback port). The whole event store contract runs
// over the wire through `pg` pools (migrations, appends racing from several connections, catch-up reads, live
// subscriptions); then what a single-session engine must fake for many connections: their own statements,
// transactions and LISTENs.

const serverScript = fileURLToPath(new URL('../../../infra/start/pglite-server.mjs', import.meta.url));

interface EmbeddedServer {
  readonly child: ChildProcess;
  readonly port: number;
  url(database: string): string;
  stop(): Promise<number | null>;
}

const startServer = async (databases: string[], env: Record<string, string> = {}): Promise<EmbeddedServer & { stderr(): string }> => {
  const child = spawn(process.execPath, [serverScript, '0', ...databases], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    });
    void exited.then((code) => reject(new Error(`pglite-server exited with ${code}: ${stderr}`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return {
    child,
    port,
    stderr: () => stderr,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
};

let server: EmbeddedServer;
const stall = { connection: undefined as pg.Client | undefined, waiting: undefined as Promise<unknown> | undefined };
beforeAll(async () => {
  server = await startServer(['es', 'other']);
}, 180_000);
afterAll(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  await stall.connection?.end().catch(() => undefined);
});

describeEventStoreContract('PostgresEventStore on embedded PGlite over the wire protocol', async () => {
  const pool = new pg.Pool({ connectionString: server.url('es'), max: 8 });
  await migrateEventStore(pool);
  const store = new PostgresEventStore({ pool });
  return {
    store,
    async close() {
      store.close();
      await pool.end();
    },
  };
});

describe('embedded PGlite: many connections on one session', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: server.url('other'), max: 5 });
    await pool.query('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)');
  });
  afterAll(async () => pool?.end());

  it('gives each connection its own named statements and its own answers to concurrent parameterised queries', async () => {
    const inserted = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        pool.query<{ id: number }>({ name: 'insert-item', text: 'INSERT INTO items VALUES ($1, $2) RETURNING id', values: [i, `item ${i}`] }),
      ),
    );
    expect(inserted.map((r) => r.rows[0]!.id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const read = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.query<{ label: string }>('SELECT label FROM items WHERE id = $1', [i])));
    expect(read.map((r) => r.rows[0]!.label)).toEqual(Array.from({ length: 40 }, (_, i) => `item ${i}`));
  });

  it('runs another connection only outside an open transaction, which it neither sees nor joins', async () => {
    const writer = await pool.connect();
    const reader = await pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('INSERT INTO items VALUES (1000, $1)', ['uncommitted']);
      const count = reader.query<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE label = 'uncommitted'`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.query('ROLLBACK');
      expect((await count).rows[0]!.n).toBe(0);
    } finally {
      writer.release();
      reader.release();
    }
  });

  it('rolls back the transaction of a connection that goes away, and the others go on', async () => {
    const leaver = new pg.Client({ connectionString: server.url('other') });
    leaver.on('error', () => undefined); // its socket is cut below, on purpose
    await leaver.connect();
    await leaver.query('BEGIN');
    await leaver.query(`INSERT INTO items VALUES (2000, 'left open')`);
    const waiting = pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE id = 2000`);
    leaver.connection.stream.destroy();
    expect((await waiting).rows[0]!.n).toBe(0);
  });

  it('delivers a NOTIFY to the connection that listens, not to the one that sent it', async () => {
    const listener = await pool.connect();
    const sender = await pool.connect();
    const heard: string[] = [];
    const misrouted: string[] = [];
    listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
    sender.on('notification', (n) => misrouted.push(n.channel));
    try {
      await listener.query('LISTEN "items_appended"');
      await sender.query(`SELECT pg_notify('items_appended', 'one')`);
      await sender.query(`SELECT pg_notify('nobody_listens', 'two')`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect({ heard, misrouted }).toEqual({ heard: ['items_appended:one'], misrouted: [] });
    } finally {
      listener.release(true);
      sender.release();
    }
  });

  it('refuses a database it does not serve, as PostgreSQL does (3D000)', async () => {
    const client = new pg.Client({ connectionString: server.url('missing') });
    await expect(client.connect()).rejects.toMatchObject({ code: '3D000' });
  });

  it('reports a connection that keeps the session idle in a transaction while others wait (what stops npm start)', async () => {
    const other = await startServer(['stall'], { PGLITE_STALL_MS: '1000' });
    try {
      stall.connection = new pg.Client({ connectionString: other.url('stall') });
      stall.connection.on('error', () => undefined);
      await stall.connection.connect();
      await stall.connection.query('BEGIN');
      await stall.connection.query('SELECT 1 AS held');
      const waiter = new pg.Client({ connectionString: other.url('stall') });
      waiter.on('error', () => undefined);
      stall.waiting = waiter.connect().catch(() => undefined);
      const deadline = Date.now() + 30_000;
      while (!other.stderr().includes('stalled: ') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(other.stderr()).toMatch(
        /^stalled: database stall: connection \d+ has kept the single PGlite session idle in a transaction for \d+ s while 1 message\(s\) of other connections wait; its last statement: SELECT 1 AS held$/m,
      );
    } finally {
      expect(await other.stop()).toBe(0);
    }
  }, 180_000);

  it('stops on SIGTERM with exit code 0 and frees its port', async () => {
    const other = await startServer(['stop']);
    expect(await other.stop()).toBe(0);
    expect(await portAnswers(other.port)).toBe(false);
  }, 180_000);
});
