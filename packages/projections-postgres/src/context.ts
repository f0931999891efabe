import { type Projection } from '@rooftop/eventsourcing';
import type pg from 'pg';

/**
 * What a projection gets inside the runner's transaction. `search_path` already points at `schema`, so the
 * projection's SQL names its tables unqualified and the same code writes the live table set or a rebuild's.
 */
export interface PgProjectionContext {
  readonly client: pg.PoolClient;
  /** The table set (a `proj_<name>_g<N>` schema) this transaction writes. */
  readonly schema: string;
}

export type PgProjection = Projection<PgProjectionContext>;

/** Pino-compatible: a pino logger fits as is. */
export interface ProjectionLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Warnings and errors as JSON lines on stderr, so a runner without a logger still never fails silently. */
export const stderrLogger: ProjectionLogger = {
  info: () => undefined,
  warn: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...obj, msg })}\n`),
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', ...obj, msg })}\n`),
};
