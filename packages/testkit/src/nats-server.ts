import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The shared NATS server tests use: NATS_URL, or the local one. */
export const natsUrl = (): string => process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * A token unique to one test run (`t<hex>`), usable in group/store ids, stream and consumer names and
 * subjects, so tests sharing one NATS server never touch each other's streams.
 */
export const uniqueStreamSuffix = (): string => `t${randomBytes(5).toString('hex')}`;

export interface NatsServerOptions {
  /** Default true. */
  readonly jetstream?: boolean;
  /** Default: a free loopback port. */
  readonly port?: number;
  /** JetStream store directory; default a fresh temp dir (removed by `dispose`). Kept across `restart`. */
  readonly storeDir?: string;
  /** Extra command-line arguments. */
  readonly args?: readonly string[];
  /** Extra configuration file text (nats-server config syntax). */
  readonly config?: string;
  /** Files written beside the config (what its `include` lines name: include paths are relative to it). */
  readonly files?: Readonly<Record<string, string>>;
  /** Directory the config file is written to (its `include`s are relative to it); default the launcher's temp dir. */
  readonly configDir?: string;
  /** How long to wait for the server to accept connections (default 30 s: loaded CI boxes are slow). */
  readonly startTimeoutMs?: number;
}

export interface NatsServer {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** The directory of the config file (and of `files`). */
  readonly configDir: string;
  /** Sends SIGHUP: the server re-reads its config (as `nats-server --signal reload`). */
  signalReload(): void;
  /** Graceful shutdown (SIGTERM); the store dir is kept so `restart` brings the same streams back. */
  stop(): Promise<void>;
  /** Crash (SIGKILL): whatever the server had not written to its files is gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and store dir (stopping it first if it runs). */
  restart(): Promise<void>;
  /** Stops the server and removes the temp dirs this launcher created. */
  dispose(): Promise<void>;
  /** The running process's id (to signal a config reload), or undefined while stopped. */
  pid(): number | undefined;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** Resolves once the server greets a TCP client with its INFO line, i.e. it accepts NATS connections. */
const greets = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('data', (chunk) => done(chunk.toString('utf8').startsWith('INFO')));
    socket.once('error', () => done(false));
  });

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * Spawns the installed `nats-server` on a loopback port and waits until it accepts connections. For tests
 * that need to stop, crash or restart NATS without disturbing the shared server.
 */
export const startNatsServer = async (options: NatsServerOptions = {}): Promise<NatsServer> => {
  const port = options.port ?? (await freePort());
  const ownDir = mkdtempSync(join(tmpdir(), 'rooftop-nats-'));
  const storeDir = options.storeDir ?? join(ownDir, 'jetstream');
  const args = ['-a', '127.0.0.1', '-p', String(port)];
  if (options.jetstream ?? true) args.push('-js', '-sd', storeDir);
  if (options.config !== undefined) {
    const file = join(options.configDir ?? ownDir, 'nats.conf');
    writeFileSync(file, options.config);
    for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(options.configDir ?? ownDir, name), text);
    args.push('-c', file);
  }
  args.push(...(options.args ?? []));
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async () => {
    output = '';
    const proc = spawn('nats-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`nats-server exited with ${proc.exitCode}: ${output}`);
      if (await greets(port)) return;
      await delay(50);
    }
    proc.kill('SIGKILL');
    throw new Error(`nats-server on port ${port} did not accept connections within ${timeoutMs} ms: ${output}`);
  };

  const halt = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = undefined;
    if (!proc) return;
    proc.kill(signal);
    await exited(proc);
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    configDir: ownDir,
    signalReload() {
      if (!child) throw new Error('nats-server is not running');
      child.kill('SIGHUP');
    },
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    async restart() {
      await halt('SIGTERM');
      await launch();
    },
    async dispose() {
      await halt('SIGKILL');
      rmSync(ownDir, { recursive: true, force: true });
    },
    pid: () => child?.pid,
  };
};
