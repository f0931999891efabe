// `npm start` without a PostgreSQL server: the demo databases on embedded PGlite (in memory), served over the
// Postgres wire protocol by a child process (pglite-server.mjs), so the services connect with `pg` as usual.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PreflightError } from './preflight.mjs';

const serverScript = fileURLToPath(new URL('./pglite-server.mjs', import.meta.url));

/**
 * Starts one in-memory PGlite per name in `databases` behind one loopback port (`port` 0: any free one). Resolves
 * with the server URL to use in place of DATABASE_URL (the database in a connection URL picks the instance) and
 * `stop()`, which closes every instance; the data is gone then. `onStall(message)` is called when a connection has
 * kept a database's single session idle in a transaction for 20 s while others wait (see pglite-session.mjs); other diagnostics go to `log`.
 */
export async function startEmbeddedPostgres({ databases, port = 0, timeoutMs = 180_000, log = () => undefined, onStall = log }) {
  const child = spawn(process.execPath, [serverScript, String(port), ...databases], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = await new Promise((resolve) => {
    let stdout = '';
    const timer = setTimeout(() => resolve({ error: `did not start within ${timeoutMs / 1000} s` }), timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(stdout.slice(0, newline)));
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      resolve({ error: `exited (${signal ?? `code ${code}`})` });
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  if (started.error) {
    await stop();
    throw new PreflightError(`embedded PGlite ${started.error}${stderr.trim() ? `:\n${stderr.trim()}` : ''}`);
  }
  let pending = '';
  child.stderr.on('data', (chunk) => {
    pending += chunk;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.startsWith('stalled: ')) onStall(line.slice('stalled: '.length));
      else log(`embedded PGlite: ${line}`);
    }
  });
  /** Ends the child without waiting (when the parent is about to exit anyway). */
  const kill = () => child.kill('SIGTERM');
  return { serverUrl: `postgres://postgres@127.0.0.1:${started.port}/postgres`, port: started.port, stop, kill };
}

/** What to tell the user when a database stalled (the argument of `onStall`), and the one way out. */
export const stallExplanation = (message) =>
  `embedded PGlite cannot run this demo further: ${message}\n` +
  '  PGlite is one PostgreSQL session shared by every connection, so a transaction left open while the work it waits\n' +
  '  for needs another connection never ends (docs/operations.md, "npm start without PostgreSQL").\n' +
  '  The demo needs a PostgreSQL server. Start it: pg_ctlcluster --skip-systemctl-redirect 15 main start   (Debian)\n' +
  '                                          or: docker compose up -d postgres';
