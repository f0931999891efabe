// Before `npm start` runs anything: find out whether PostgreSQL answers (when nothing listens, start.mjs falls back
// to embedded PGlite, see pglite.mjs), make the demo databases, and say exactly what to do when a server is there
// but refuses (the NATS side is in nats-topology.mjs).
import { connect } from 'node:net';
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

/** Whether anything accepts TCP connections at the host and port of a postgres:// URL (default 127.0.0.1:5432). */
export const postgresListens = (serverUrl) => {
  const url = new URL(serverUrl);
  return portAnswers(url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1', Number(url.port || 5432));
};

const refused = (url, error) =>
  new PreflightError(
    `PostgreSQL at ${redact(url)} refused the connection (${error.message}).\n` +
      '  Start it: pg_ctlcluster --skip-systemctl-redirect 15 main start   (Debian)\n' +
      '        or: docker compose up -d postgres\n' +
      '  or point DATABASE_URL at a server you have.',
  );

const withClient = async (serverUrl, work) => {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
  } catch (error) {
    throw refused(serverUrl, error);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const quoted = (name) => `"${name.replaceAll('"', '""')}"`;

/** Creates `database` on the server of `serverUrl` unless it exists. */
export const ensureDatabase = (serverUrl, database) =>
  withClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount === 0) await client.query(`create database ${quoted(database)}`);
  });

/** Drops `database` (closing its sessions) and creates it empty: the demo starts from a clean slate every time. */
export const recreateDatabase = (serverUrl, database) =>
  withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists ${quoted(database)} with (force)`);
    await client.query(`create database ${quoted(database)}`);
  });

export const redact = (connectionUrl) => {
  const url = new URL(connectionUrl);
  if (url.password) url.password = '***';
  return url.toString();
};
