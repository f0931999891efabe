import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname } from 'node:os';
import { pino, type DestinationStream, type Logger } from 'pino';
import { type LogLevel } from './base-config.js';

/** The ids that tie a log line to the work it belongs to. */
export interface LogContext {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly commandId?: string;
  readonly eventId?: string;
  readonly storeId?: string;
}

const contextStorage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with `context` attached to every log line written inside it, across awaits. Nested calls add to the
 * outer context (a reaction inside a command keeps the command's correlation id unless it sets its own).
 */
export const withLogContext = <T>(context: LogContext, fn: () => T): T => {
  const outer = contextStorage.getStore();
  const merged: Record<string, string> = { ...outer };
  for (const [key, value] of Object.entries(context)) if (value !== undefined) merged[key] = value;
  return contextStorage.run(merged, fn);
};

/** The log context of the current async flow, if any. */
export const currentLogContext = (): LogContext | undefined => contextStorage.getStore();

/**
 * Personal data (docs/architecture.md §8) and credentials, censored in every log line. Down to three levels deep, because
 * the usual logged shapes are `{ event: { data: { customer: { phone } } } }`-like: deep enough for those, and
 * bounded because each wildcard level makes every log call pay for walking the object.
 */
export const DEFAULT_REDACT_PATHS: readonly string[] = ['phone', 'idNumber', 'password', 'authorization', 'token'].flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `*.*.*.${key}`,
]);

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LogLevel;
  readonly storeId?: string;
  readonly groupId?: string;
  /** Extra paths to censor, in pino `redact` syntax, on top of `DEFAULT_REDACT_PATHS`. */
  readonly redact?: readonly string[];
  /** Where JSON lines go; stdout, written synchronously, when not given. */
  readonly destination?: DestinationStream;
}

/**
 * A pino logger writing one JSON object per line. `storeId` comes from the log context when set there, else from
 * the process's own store, so it is written once per line (never as a duplicate key).
 */
export const createLogger = (options: LoggerOptions): Logger => {
  const base: Record<string, string | number> = { service: options.service, pid: process.pid, hostname: hostname() };
  if (options.groupId !== undefined) base.groupId = options.groupId;
  const pinoOptions = {
    level: options.level ?? 'info',
    base,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: [...DEFAULT_REDACT_PATHS, ...(options.redact ?? [])], censor: '[redacted]' },
    mixin: () => {
      const context = contextStorage.getStore();
      const storeId = context?.storeId ?? options.storeId;
      return storeId === undefined ? { ...context } : { ...context, storeId };
    },
  };
  // pino's default stdout stream writes asynchronously, and `process.exit` during a write in flight loses it —
  // in practice the last lines before a shutdown exit, which explain it. Node writes stdout synchronously to
  // files and pipes on Linux anyway, so a sync destination costs little at this log volume.
  return pino(pinoOptions, options.destination ?? pino.destination({ dest: 1, sync: true }));
};

export { type Logger } from 'pino';
