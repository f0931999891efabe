// Before `npm start` builds anything: make sure PostgreSQL and NATS answer, and say exactly what to do when not.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Resolves true when something accepts TCP connections on host:port within `timeoutMs`. */
export const portAnswers = (host, port, timeoutMs = 1_000) =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

export class PreflightError extends Error {}

/** Creates `database` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl, database) {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new PreflightError(
      `PostgreSQL at ${redact(adminUrl)} refused the connection (${error.message}).\n` +
        '  Start it: pg_ctlcluster --skip-systemctl-redirect 15 main start   (Debian)\n' +
        '        or: docker compose up -d postgres\n' +
        '  or point DATABASE_URL at a server you have.',
    );
  }
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Makes sure a NATS server with JetStream answers at `natsUrl`. When nothing answers on a local address and
 * `nats-server` is installed, starts one for this session (its data in a temporary directory) and returns a stop
 * function; otherwise explains what is missing.
 */
export async function ensureNats(natsUrl, log) {
  const url = new URL(natsUrl);
  const host = url.hostname;
  const port = Number(url.port || 4222);
  if (await portAnswers(host, port)) return async () => {};
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host);
  const installed = spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!local || !installed) {
    throw new PreflightError(
      `No NATS server answers at ${natsUrl}.\n` +
        (installed
          ? '  Start it with JetStream: nats-server -js\n'
          : '  Install it: apt-get install nats-server   (or https://github.com/nats-io/nats-server/releases)\n') +
        '  or: docker compose up -d nats\n' +
        '  or point NATS_URL at a server you have.',
    );
  }
  const storeDir = mkdtempSync(join(tmpdir(), 'rooftop-nats-'));
  const child = spawn('nats-server', ['-a', host === 'localhost' ? '127.0.0.1' : host, '-p', String(port), '-js', '-sd', storeDir], {
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 50 && !(await portAnswers(host, port, 200)); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!(await portAnswers(host, port))) {
    child.kill('SIGKILL');
    throw new PreflightError(`nats-server did not start on ${host}:${port}; run "nats-server -js" yourself and retry.`);
  }
  log(`started nats-server -js on ${host}:${port} for this session (data in ${storeDir})`);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    rmSync(storeDir, { recursive: true, force: true });
  };
}

export const redact = (connectionUrl) => {
  const url = new URL(connectionUrl);
  if (url.password) url.password = '***';
  return url.toString();
};
