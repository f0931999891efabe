import { RooftopError } from '@rooftop/eventsourcing';
import { type Logger } from 'pino';

/** Where termination signals come from; `process` in production, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/**
 * Conventional hook orders, lowest first: stop taking new work, finish work in flight, close connections, and only
 * then the ops server (so /metrics stays scrapeable and /readyz says 503 until the very end).
 */
export const SHUTDOWN_ORDER = { stopIntake: 100, drain: 200, closeConnections: 300, closeOpsServer: 400 } as const;

export interface ShutdownOptions {
  readonly logger: Logger;
  /** Bound for all hooks together; past it the process exits with code 1. */
  readonly timeoutMs: number;
  readonly signals?: readonly NodeJS.Signals[];
  readonly signalSource?: SignalSource;
  /** Ends the process; injectable so tests can observe the exit code instead of dying. */
  readonly exit?: (code: number) => void;
}

export interface ShutdownOutcome {
  readonly reason: string;
  readonly exitCode: 0 | 1;
  /** Hooks that threw (shutdown goes on with the next hook). */
  readonly failed: readonly string[];
  /** The hook still running when the time ran out. */
  readonly timedOutHook?: string;
}

export interface Shutdown {
  /** Registers a hook; lower `order` runs first, equal orders in registration order. Returns an unregister. */
  onShutdown(name: string, hook: () => unknown, options?: { order?: number }): () => void;
  /** Runs the hooks once; later calls (and signals) get the same outcome. */
  shutdown(reason?: string): Promise<ShutdownOutcome>;
  readonly shuttingDown: boolean;
  /** Removes the signal listeners without shutting down. */
  dispose(): void;
}

export class ShutdownInProgressError extends RooftopError {
  constructor(readonly hookName: string) {
    super('SHUTDOWN_IN_PROGRESS', `cannot register shutdown hook ${hookName}: shutdown has already started`, { hookName });
  }
}

interface Hook {
  readonly name: string;
  readonly hook: () => unknown;
  readonly order: number;
  readonly seq: number;
}

export const createShutdown = (options: ShutdownOptions): Shutdown => {
  const { logger, timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RooftopError('VALIDATION_FAILED', `shutdown timeout must be a positive number of milliseconds, got ${timeoutMs}`, { timeoutMs });
  }
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const source: SignalSource = options.signalSource ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const hooks: Hook[] = [];
  let seq = 0;
  let running: Promise<ShutdownOutcome> | undefined;

  const run = async (reason: string): Promise<ShutdownOutcome> => {
    logger.info({ reason, hooks: hooks.length, timeoutMs }, 'shutting down');
    const ordered = [...hooks].sort((a, b) => a.order - b.order || a.seq - b.seq);
    const failed: string[] = [];
    let current: string | undefined;
    let abandoned = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<ShutdownOutcome>((resolve) => {
      timer = setTimeout(() => {
        abandoned = true;
        logger.error({ hook: current, timeoutMs, reason }, `shutdown timed out after ${timeoutMs} ms: hook ${current ?? '(none)'} did not finish`);
        resolve({ reason, exitCode: 1, failed, ...(current === undefined ? {} : { timedOutHook: current }) });
      }, timeoutMs);
    });
    const hooksDone = (async (): Promise<ShutdownOutcome> => {
      for (const { name, hook } of ordered) {
        if (abandoned) break;
        current = name;
        try {
          await hook();
          logger.info({ hook: name }, 'shutdown hook done');
        } catch (error) {
          failed.push(name);
          logger.error({ hook: name, err: error }, `shutdown hook ${name} failed`);
        }
      }
      current = undefined;
      return { reason, exitCode: failed.length === 0 ? 0 : 1, failed };
    })();
    const outcome = await Promise.race([hooksDone, timedOut]);
    clearTimeout(timer);
    dispose();
    if (outcome.timedOutHook === undefined && !abandoned) logger.info({ reason, failed: outcome.failed }, 'shutdown complete');
    exit(outcome.exitCode);
    return outcome;
  };

  const shutdown = (reason = 'requested'): Promise<ShutdownOutcome> => {
    if (running !== undefined) {
      logger.warn({ reason }, 'shutdown already in progress; ignoring');
      return running;
    }
    running = run(reason);
    return running;
  };

  const listeners = new Map<NodeJS.Signals, () => void>();
  for (const signal of signals) {
    const listener = () => void shutdown(signal);
    listeners.set(signal, listener);
    source.on(signal, listener);
  }
  const dispose = (): void => {
    for (const [signal, listener] of listeners) source.off(signal, listener);
    listeners.clear();
  };

  return {
    onShutdown(name, hook, hookOptions = {}) {
      if (running !== undefined) throw new ShutdownInProgressError(name);
      const entry: Hook = { name, hook, order: hookOptions.order ?? 0, seq: seq++ };
      hooks.push(entry);
      return () => {
        const index = hooks.indexOf(entry);
        if (index >= 0) hooks.splice(index, 1);
      };
    },
    shutdown,
    get shuttingDown() {
      return running !== undefined;
    },
    dispose,
  };
};
