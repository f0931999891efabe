// Many wire-protocol connections onto one PGlite, which is a single PostgreSQL session. pglite-socket's own queue
// interleaves the connections message by message: measured with 40 concurrent `pg` queries over 5 connections, 20
// named statements failed ('prepared statement "ins" already exists') and 20 unnamed parameterised reads returned
// another connection's row. This queue keeps what a real server gives each connection:
//  - exclusivity: a connection owns the session from its first message until a Sync or simple Query leaves it outside
//    a transaction block, so Parse/Bind/Execute sequences and transactions never interleave;
//  - its own prepared statements: names are prefixed per connection, in Parse, Bind, Describe and Close;
//  - its own LISTENs: NotificationResponse messages go to the connections that listen on the channel, not to the one
//    whose commit raised them;
//  - clean-up on disconnect: an unfinished Parse/Bind sequence is synced, its open transaction rolled back, its
//    statements deallocated.
// It is duck-typed to the QueryQueueManager that PGLiteSocketHandler takes (enqueue, clearQueueForHandler,
// clearTransactionIfNeeded, getQueueLength).
import { createHash } from 'node:crypto';

const PROTOCOL_3 = 196_608;
const MAX_NAME_BYTES = 63;

const cstringEnd = (bytes, from) => bytes.indexOf(0, from);
const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** A startup packet (no type byte: length, then protocol 3.0). */
const isStartup = (message) => message.length >= 8 && new DataView(message.buffer, message.byteOffset).getInt32(4) === PROTOCOL_3;

/** Splits complete backend messages (type byte + int32 length). */
export function* backendMessages(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 5 <= bytes.length;) {
    const end = at + 1 + view.getInt32(at + 1);
    yield bytes.subarray(at, end);
    at = end;
  }
}

const message = (type, body) => {
  const out = new Uint8Array(5 + body.length);
  out[0] = type;
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
};

const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

const cstring = (text) => concat([encoder.encode(text), new Uint8Array([0])]);

const notificationChannel = (bytes) => {
  // 'A', int32 length, int32 pid, channel\0, payload\0
  const end = cstringEnd(bytes, 9);
  return utf8.decode(bytes.subarray(9, end));
};

const LISTEN = /^\s*(UN)?LISTEN\s+(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_.$]*)|(\*))\s*;?\s*$/i;

export class SessionQueue {
  #db;
  #waiting = [];
  #pumping = false;
  #owner = null;
  #writers = new Map(); // handler id → its socket writer (the onData of its latest message)
  #statements = new Map(); // handler id → Set of session-level statement names
  #listens = new Map(); // handler id → Set of channels
  #idleSince = 0; // when the owner's latest message finished
  #executing = false;
  #lastSql = new Map(); // handler id → the text of its latest Query or Parse

  constructor(db) {
    this.#db = db;
  }

  getQueueLength() {
    return this.#waiting.length;
  }

  /**
   * The connection that has kept the session idle in its transaction for `atLeastMs` while others wait (a client
   * holding a transaction open while it waits for work that needs another connection never gets it back), or
   * undefined. A connection busy with a long statement is not stalled.
   */
  stalled(atLeastMs) {
    const owner = this.#owner;
    if (owner === null || this.#executing || this.#waiting.length === 0 || this.#waiting.some((item) => item.handlerId === owner)) return undefined;
    const idleMs = Date.now() - this.#idleSince;
    return idleMs < atLeastMs ? undefined : { connection: owner, idleMs, waiting: this.#waiting.length, lastStatement: this.#lastSql.get(owner) ?? '' };
  }

  enqueue(handlerId, bytes, onData) {
    this.#writers.set(handlerId, onData);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ handlerId, bytes, onData, resolve, reject });
      void this.#pump();
    });
  }

  clearQueueForHandler(handlerId) {
    this.#waiting = this.#waiting.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('connection closed'));
      return false;
    });
  }

  /** Called when a connection goes away: end what it left open and forget its prepared statements. */
  async clearTransactionIfNeeded(handlerId) {
    this.#writers.delete(handlerId);
    this.#listens.delete(handlerId);
    this.#lastSql.delete(handlerId);
    const statements = [...(this.#statements.get(handlerId) ?? [])];
    this.#statements.delete(handlerId);
    await new Promise((resolve) => {
      this.#waiting.unshift({ handlerId, cleanup: () => this.#cleanup(handlerId, statements), resolve, reject: resolve });
      void this.#pump();
    });
  }

  async #cleanup(handlerId, statements) {
    // exec() takes PGlite's query lock itself; the raw protocol call needs it taken around it.
    const exec = (sql) => this.#db.exec(sql).catch(() => undefined);
    if (this.#owner === handlerId) {
      // Gone in the middle of a Parse/Bind/Execute sequence: a Sync ends it (and any error state it left), then
      // its transaction is rolled back.
      const sync = message(0x53, new Uint8Array(0));
      await this.#db.runExclusive(() => this.#db.execProtocolRawStream(sync, { onRawData: () => undefined })).catch(() => undefined);
      if (this.#db.isInTransaction()) await exec('ROLLBACK');
      this.#owner = null;
    }
    for (const name of statements) await exec(`DEALLOCATE "${name.replaceAll('"', '""')}"`);
  }

  async #pump() {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        const index = this.#waiting.findIndex((item) => this.#owner === null || item.handlerId === this.#owner);
        if (index < 0) return;
        const [item] = this.#waiting.splice(index, 1);
        if (item.cleanup) {
          await item.cleanup();
          item.resolve();
          continue;
        }
        this.#owner = item.handlerId;
        this.#executing = true;
        try {
          item.resolve(await this.#run(item));
        } catch (error) {
          this.#owner = null;
          item.reject(error);
        } finally {
          this.#executing = false;
          this.#idleSince = Date.now();
        }
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #run({ handlerId, bytes, onData }) {
    const type = isStartup(bytes) ? 'startup' : String.fromCharCode(bytes[0]);
    if (type === 'X') {
      // Terminate ends this connection, not the session every other connection shares.
      if (!this.#db.isInTransaction()) this.#owner = null;
      return 0;
    }
    const input = type === 'startup' ? bytes : this.#rewrite(handlerId, type, bytes);
    const chunks = [];
    await this.#db.runExclusive(() => this.#db.execProtocolRawStream(input, { onRawData: (chunk) => chunks.push(chunk.slice()) }));
    const output = concat(chunks);
    const own = [];
    for (const part of backendMessages(output)) {
      if (part[0] === 0x41 /* A: NotificationResponse */) this.#notify(part);
      else own.push(part);
    }
    const reply = concat(own);
    if (reply.length > 0) onData(reply);
    if ((type === 'S' || type === 'Q' || type === 'startup') && !this.#db.isInTransaction()) this.#owner = null;
    return reply.length;
  }

  #notify(part) {
    const channel = notificationChannel(part);
    for (const [handlerId, channels] of this.#listens) {
      if (channels.has(channel)) this.#writers.get(handlerId)?.(part);
    }
  }

  /** This connection's name for a statement in the shared session (empty = the unnamed statement, not shared). */
  #sessionName(handlerId, name) {
    if (name === '') return name;
    let scoped = `c${handlerId}_${name}`;
    if (Buffer.byteLength(scoped) > MAX_NAME_BYTES) scoped = `c${handlerId}_${createHash('sha256').update(name).digest('hex').slice(0, 40)}`;
    return scoped;
  }

  #rewrite(handlerId, type, bytes) {
    if (type === 'Q') {
      this.#lastSql.set(handlerId, utf8.decode(bytes.subarray(5, cstringEnd(bytes, 5))));
      // The session keeps every LISTEN (another connection may hear the channel); UNLISTEN only changes routing.
      return this.#trackListen(handlerId, utf8.decode(bytes.subarray(5, cstringEnd(bytes, 5)))) === 'unlisten'
        ? message(0x51, cstring('DO $$ BEGIN END $$'))
        : bytes;
    }
    if (type === 'P') {
      // Parse: statement name, query, parameter types
      const nameEnd = cstringEnd(bytes, 5);
      const name = utf8.decode(bytes.subarray(5, nameEnd));
      this.#lastSql.set(handlerId, utf8.decode(bytes.subarray(nameEnd + 1, cstringEnd(bytes, nameEnd + 1))));
      if (name === '') return bytes;
      const scoped = this.#sessionName(handlerId, name);
      if (!this.#statements.has(handlerId)) this.#statements.set(handlerId, new Set());
      this.#statements.get(handlerId).add(scoped);
      return message(bytes[0], concat([cstring(scoped), bytes.subarray(nameEnd + 1)]));
    }
    if (type === 'B') {
      // Bind: portal name, statement name, the rest
      const portalEnd = cstringEnd(bytes, 5);
      const nameEnd = cstringEnd(bytes, portalEnd + 1);
      const name = utf8.decode(bytes.subarray(portalEnd + 1, nameEnd));
      if (name === '') return bytes;
      return message(bytes[0], concat([bytes.subarray(5, portalEnd + 1), cstring(this.#sessionName(handlerId, name)), bytes.subarray(nameEnd + 1)]));
    }
    if ((type === 'D' || type === 'C') && bytes[5] === 0x53 /* S: a statement */) {
      const nameEnd = cstringEnd(bytes, 6);
      const name = utf8.decode(bytes.subarray(6, nameEnd));
      if (name === '') return bytes;
      const scoped = this.#sessionName(handlerId, name);
      if (type === 'C') this.#statements.get(handlerId)?.delete(scoped);
      return message(bytes[0], concat([new Uint8Array([0x53]), cstring(scoped)]));
    }
    return bytes;
  }

  #trackListen(handlerId, sql) {
    const match = LISTEN.exec(sql);
    if (!match) return undefined;
    const [, un, quoted, plain, all] = match;
    const channel = quoted !== undefined ? quoted.replaceAll('""', '"') : plain?.toLowerCase();
    if (!this.#listens.has(handlerId)) this.#listens.set(handlerId, new Set());
    const channels = this.#listens.get(handlerId);
    if (!un) channels.add(channel);
    else if (all) channels.clear();
    else channels.delete(channel);
    return un ? 'unlisten' : 'listen';
  }
}
