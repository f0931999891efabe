import { type ReadinessCheck } from './readiness.js';

/** Anything that runs SQL the way `pg.Pool`/`pg.Client` do; typed structurally so this package needs no pg. */
export interface SqlQueryable {
  query(text: string): Promise<unknown>;
}

/** Ready when PostgreSQL answers `select 1` (a pool also proves it can hand out a connection). */
export const postgresReadinessCheck =
  (db: SqlQueryable): ReadinessCheck =>
  async () => {
    await db.query('select 1');
  };

/** The part of a NATS connection (`@nats-io/transport-node`) the check needs. */
export interface NatsConnectionLike {
  isClosed(): boolean;
  flush(): Promise<void>;
}

/**
 * Ready when the connection is open and a PING round trip to the server completes; during a reconnect the flush
 * waits, so the check times out and reports the store as not ready until NATS is back.
 */
export const natsReadinessCheck =
  (connection: NatsConnectionLike): ReadinessCheck =>
  async () => {
    if (connection.isClosed()) throw new Error('NATS connection is closed');
    await connection.flush();
  };
