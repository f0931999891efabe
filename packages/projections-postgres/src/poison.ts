import { type PoisonPolicy, type RecordedEvent } from '@rooftop/eventsourcing';
import type pg from 'pg';
import { type PgProjection, type PgProjectionContext } from './context.js';

export interface PoisonEvent {
  readonly event: RecordedEvent;
  readonly error: string;
}

export type ApplyOutcome =
  | { readonly kind: 'applied'; readonly parked: readonly PoisonEvent[] }
  | { readonly kind: 'stopped'; readonly parked: readonly PoisonEvent[]; readonly culprit: PoisonEvent };

/**
 * SQLSTATE classes that say "the database or the connection failed", not "this event cannot be applied":
 * 08 connection, 40 transaction rollback (deadlock, serialization), 53 resources, 57 operator intervention,
 * 58 system. Such failures abort the whole batch so it is retried later instead of parking a good event.
 */
const INFRASTRUCTURE_CLASSES = new Set(['08', '40', '53', '57', '58']);

export const isInfrastructureFailure = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length === 5) return INFRASTRUCTURE_CLASSES.has(code.slice(0, 2));
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection.*(closed|ended)|ECONNRESET|ECONNREFUSED/i.test(message);
};

export const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} [${code}]: ${error.message}` : `${error.name}: ${error.message}`;
};

export const recordDeadLetter = async (client: pg.PoolClient, projection: string, poison: PoisonEvent): Promise<void> => {
  const { event, error } = poison;
  // A replay (restart before commit, rebuild) meets the same event again: keep one row, with the latest error.
  await client.query(
    `INSERT INTO projections.dead_letters (projection, global_position, event_id, type, error, data, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (projection, global_position) DO UPDATE SET error = EXCLUDED.error, parked_at = now()`,
    [projection, event.globalPosition, event.eventId, event.type, error, JSON.stringify(event.data ?? null), JSON.stringify(event.metadata ?? null)],
  );
};

/**
 * Applies a batch inside the caller's transaction. When the batch throws, it is rolled back to a savepoint
 * and applied again one event at a time to find the culprit(s); every other event is still applied. The
 * culprit is written to the dead letters either way — `park` then goes on, `stop` returns at the culprit,
 * with every event before it applied and none after.
 */
export const applyWithPoison = async (
  projection: PgProjection,
  events: readonly RecordedEvent[],
  context: PgProjectionContext,
  policy: PoisonPolicy,
): Promise<ApplyOutcome> => {
  if (events.length === 0) return { kind: 'applied', parked: [] };
  const { client } = context;
  await client.query('SAVEPOINT rooftop_batch');
  try {
    await projection.apply(events, context);
    await client.query('RELEASE SAVEPOINT rooftop_batch');
    return { kind: 'applied', parked: [] };
  } catch (error) {
    if (isInfrastructureFailure(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT rooftop_batch');
  }
  const parked: PoisonEvent[] = [];
  for (const event of events) {
    await client.query('SAVEPOINT rooftop_event');
    try {
      await projection.apply([event], context);
      await client.query('RELEASE SAVEPOINT rooftop_event');
    } catch (error) {
      if (isInfrastructureFailure(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT rooftop_event');
      const poison = { event, error: describeError(error) };
      await recordDeadLetter(client, projection.name, poison);
      if (policy === 'stop') return { kind: 'stopped', parked, culprit: poison };
      parked.push(poison);
    }
  }
  return { kind: 'applied', parked };
};
