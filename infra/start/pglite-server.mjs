#!/usr/bin/env node
// Embedded PostgreSQL for `npm start` when no server answers: one in-memory PGlite per database, all behind one
// loopback port, each connection routed by the database its startup message names (a PGlite instance holds exactly
// one database, so CREATE DATABASE cannot give the demo its four). Runs as a child of infra/start.mjs so the WASM
// engine, which runs each query synchronously, has a core of its own rather than the services' event loop.
//
//   node infra/start/pglite-server.mjs <port, 0 = any free> <database>...
//   PGLITE_STALL_MS (20000): how long a connection may keep a session idle in a transaction while others wait
//
// Prints one line `{"port":N,"databases":[...]}` when every database accepts connections. Stops on SIGTERM or when
// its parent goes away (the IPC channel closes); SIGINT is ignored: a Ctrl-C reaches every process of the terminal,
// and the database has to outlive the services' orderly shutdown.
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { SessionQueue } from './pglite-session.mjs';

const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;

const [portArg, ...names] = process.argv.slice(2);
if (!/^\d+$/.test(portArg ?? '') || names.length === 0) {
  process.stderr.write('usage: pglite-server.mjs <port> <database>...\n');
  process.exit(2);
}

/** A FATAL ErrorResponse, as PostgreSQL sends it before closing a connection it refuses. */
const fatal = (code, text) => {
  const fields = Buffer.concat([
    ...[
      ['S', 'FATAL'],
      ['V', 'FATAL'],
      ['C', code],
      ['M', text],
    ].map(([k, v]) => Buffer.concat([Buffer.from(k), Buffer.from(v), Buffer.from([0])])),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E');
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
};

/** The startup packet's parameters (user, database, …). */
const startupParameters = (packet) => {
  const parts = packet
    .subarray(8, packet.length - 1)
    .toString('utf8')
    .split('\0');
  const params = {};
  for (let i = 0; i + 1 < parts.length; i += 2) params[parts[i]] = parts[i + 1];
  return params;
};

const databases = new Map();
for (const name of names) {
  const db = await PGlite.create({ dataDir: 'memory://' });
  databases.set(name, { db, queue: new SessionQueue(db) });
}

const handlers = new Set();
const server = createServer((socket) => {
  let buffered = Buffer.alloc(0);
  const onData = (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 8) {
      const length = buffered.readInt32BE(0);
      const code = buffered.readInt32BE(4);
      if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
        socket.write('N');
        buffered = buffered.subarray(8);
        continue;
      }
      if (buffered.length < length) return;
      socket.off('data', onData);
      socket.pause();
      const database = startupParameters(buffered.subarray(0, length)).database ?? startupParameters(buffered.subarray(0, length)).user;
      const target = databases.get(database);
      if (!target) {
        socket.end(fatal('3D000', `database "${database}" does not exist (embedded PGlite serves ${[...databases.keys()].join(', ')})`));
        return;
      }
      // The startup packet goes back into the stream: the handler answers it through PGlite like any message.
      socket.unshift(buffered);
      const handler = new PGLiteSocketHandler({ queryQueue: target.queue, closeOnDetach: true });
      handlers.add(handler);
      handler.addEventListener('close', () => handlers.delete(handler));
      handler.addEventListener('error', () => handlers.delete(handler));
      handler.attach(socket).then(
        () => socket.resume(),
        () => socket.destroy(),
      );
      return;
    }
  };
  socket.on('data', onData);
  socket.on('error', () => socket.destroy());
});

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(Number(portArg), '127.0.0.1', resolve);
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.close();
  // Connections still open are closed (their transactions rolled back); a stalled session gets 2 s, the data is
  // thrown away anyway.
  const detached = Promise.all([...handlers].map((handler) => handler.detach(true)));
  await Promise.race([detached, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  for (const { db } of databases.values()) await db.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', () => undefined);
process.once('SIGTERM', () => void stop());
process.once('disconnect', () => void stop());

process.stdout.write(`${JSON.stringify({ port: server.address().port, databases: names })}\n`);

// One engine, one session: a connection that holds a transaction open while it waits for something that itself
// needs the database stalls that database for good. Say so on stderr, as a line starting "stalled: " (start.mjs stops
// the demo with it), instead of hanging quietly.
const STALL_MS = Number(process.env.PGLITE_STALL_MS ?? 20_000);
const reported = new Map();
setInterval(() => {
  for (const [name, { queue }] of databases) {
    const stall = queue.stalled(STALL_MS);
    if (!stall || reported.get(name) === stall.connection) continue;
    reported.set(name, stall.connection);
    process.stderr.write(
      `stalled: database ${name}: connection ${stall.connection} has kept the single PGlite session idle in a transaction for ${Math.round(stall.idleMs / 1000)} s ` +
        `while ${stall.waiting} message(s) of other connections wait; its last statement: ${stall.lastStatement.replace(/\s+/g, ' ').slice(0, 300)}\n`,
    );
  }
}, 2_000).unref();
