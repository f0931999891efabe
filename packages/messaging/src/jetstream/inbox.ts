import type pg from 'pg';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are spliced into SQL, so only plain lowercase identifiers are accepted. */
export const inboxTable = (schema: string): string => {
  if (!IDENTIFIER.test(schema)) throw new Error(`inbox schema "${schema}" must be a lowercase SQL identifier`);
  return `${schema}.inbox`;
};

// Distinct from the relay's lock id; held only while creating the table.
const MIGRATION_LOCK = 0x49_4e_42_58; // "INBX"

/** `<schema>.inbox(consumer, event_id, processed_at)`: one row per event a consumer's handler committed. */
export const migrateInbox = async (pool: pg.Pool, schema: string): Promise<void> => {
  const table = inboxTable(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
      consumer text NOT NULL,
      event_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/**
 * Runs `work` in a transaction that first claims `(consumer, eventId)` in the inbox. If another delivery of the
 * same event already committed, nothing runs and it returns false. A concurrent delivery blocks on the row
 * until the first commits or rolls back, so the effect happens at most once and, after a rollback, again.
 */
export const processOnce = async (
  pool: pg.Pool,
  schema: string,
  consumer: string,
  eventId: string,
  work: (tx: pg.PoolClient) => Promise<void>,
): Promise<boolean> => {
  const client = await pool.connect();
  try {
    // BEGIN and the claim go in one simple-protocol message (so the values are escaped literals, not
    // parameters): one round trip less per message, a third of the consumer's own PostgreSQL round trips.
    const [, claimed] = (await client.query(
      `BEGIN; INSERT INTO ${inboxTable(schema)} (consumer, event_id) VALUES (${client.escapeLiteral(consumer)}, ${client.escapeLiteral(eventId)}) ON CONFLICT DO NOTHING`,
    )) as unknown as [pg.QueryResult, pg.QueryResult];
    if (claimed.rowCount === 0) {
      await client.query('ROLLBACK');
      return false;
    }
    await work(client);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
