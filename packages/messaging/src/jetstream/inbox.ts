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

/** One message of a batch for `applyBatchOnce`. */
export interface InboxItem {
  readonly eventId: string;
  /** Items with the same key (the event's stream) are applied in order: once one fails, its later ones are skipped. */
  readonly key: string;
  readonly work: (tx: pg.PoolClient) => Promise<void>;
}

/**
 * `applied`: its work committed with its inbox row. `duplicate`: the event id was already in the inbox (or applied
 * earlier in this batch); nothing ran. `failed`: its work threw (or left the transaction failed) and was rolled back
 * alone. `skipped`: not tried, because an earlier item with its key failed in this batch.
 */
export type InboxOutcome = { readonly status: 'applied' | 'duplicate' | 'skipped' } | { readonly status: 'failed'; readonly error: unknown };

const APPLIED: InboxOutcome = { status: 'applied' };
const DUPLICATE: InboxOutcome = { status: 'duplicate' };
const SKIPPED: InboxOutcome = { status: 'skipped' };
const SAVEPOINT = 'rooftop_inbox_item';

/** `BEGIN` and the claims of all the batch's event ids in one message (`then` rides along); the ids claimed. */
const beginAndClaim = async (client: pg.PoolClient, table: string, consumer: string, items: readonly InboxItem[], then = ''): Promise<Set<string>> => {
  const ids = [...new Set(items.map((item) => item.eventId))];
  const literal = (value: string) => client.escapeLiteral(value);
  const [, claims] = (await client.query(
    `BEGIN; INSERT INTO ${table} (consumer, event_id) SELECT ${literal(consumer)}, id FROM unnest(ARRAY[${ids.map(literal).join(', ')}]::text[]) AS id ` +
      `ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id${then}`,
  )) as unknown as [pg.QueryResult, pg.QueryResult<{ event_id: string }>];
  return new Set(claims.rows.map((row) => row.event_id));
};

// PostgreSQL's "current transaction is aborted": an earlier item swallowed an SQL error, so the one that saw this
// is not the one to blame.
const IN_FAILED_TRANSACTION = '25P02';

/**
 * The happy path: every item without a savepoint (a savepoint costs a round trip per item, which on a loaded box
 * was most of a batch's time). If an item fails, everything is rolled back and the batch is redone with a savepoint
 * per item; the failure is reported so that the redo does not run the failing item a second time.
 */
const applyOptimistically = async (
  client: pg.PoolClient,
  table: string,
  consumer: string,
  items: readonly InboxItem[],
): Promise<{ outcomes: InboxOutcome[] } | { failure?: { index: number; error: unknown } }> => {
  const claimed = await beginAndClaim(client, table, consumer, items);
  const seen = new Set<string>();
  const outcomes: InboxOutcome[] = [];
  for (const [index, item] of items.entries()) {
    if (seen.has(item.eventId) || !claimed.has(item.eventId)) {
      outcomes.push(DUPLICATE);
      continue;
    }
    seen.add(item.eventId);
    try {
      await item.work(client);
    } catch (error) {
      await client.query('ROLLBACK');
      const blameless = (error as { code?: unknown } | null)?.code === IN_FAILED_TRANSACTION;
      return blameless ? {} : { failure: { index, error } };
    }
    outcomes.push(APPLIED);
  }
  // COMMIT of a transaction an item left failed (it swallowed an SQL error) answers ROLLBACK instead of an error.
  const done = await client.query('COMMIT');
  return done.command === 'COMMIT' ? { outcomes } : {};
};

/**
 * Applies a batch in ONE transaction: the inbox rows of all its event ids are claimed first (in one statement, in
 * id order so that two consumers claiming overlapping batches cannot deadlock), then each item's work runs under
 * its own savepoint, so a failing item rolls back only its own work and gives up its claim. One commit for the
 * batch. Round trips: `BEGIN`+claims, one per item (release the previous savepoint, set the next), `COMMIT`; but
 * the savepoints are only set when an item failed in a first pass without them (`applyOptimistically`).
 * If the transaction itself fails (PostgreSQL down, connection lost), nothing is applied and it throws.
 */
export const applyBatchOnce = async (pool: pg.Pool, schema: string, consumer: string, items: readonly InboxItem[]): Promise<InboxOutcome[]> => {
  if (items.length === 0) return [];
  const table = inboxTable(schema);
  const client = await pool.connect();
  try {
    const fast = await applyOptimistically(client, table, consumer, items);
    if ('outcomes' in fast) return fast.outcomes;
    const known = 'failure' in fast ? fast.failure : undefined;
    const literal = (value: string) => client.escapeLiteral(value);
    const claimed = await beginAndClaim(client, table, consumer, items, `; SAVEPOINT ${SAVEPOINT}`);
    const outcomes: InboxOutcome[] = [];
    const owner = new Map<string, number>();
    const failedKeys = new Set<string>();
    // The item whose work ran in the current savepoint and returned; it counts as applied once its savepoint is
    // released (a handler that swallowed an SQL error leaves the transaction failed, and the release says so).
    let open: number | undefined;
    const fail = async (index: number, error: unknown) => {
      await client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      outcomes[index] = { status: 'failed', error };
      failedKeys.add(items[index]!.key);
    };
    const settle = async (next: string): Promise<boolean> => {
      if (open === undefined) return true;
      const index = open;
      open = undefined;
      try {
        await client.query(`RELEASE SAVEPOINT ${SAVEPOINT}; ${next}`);
        outcomes[index] = APPLIED;
      } catch (error) {
        // The release failed (the item left the transaction failed), or the commit sent with it did: then the
        // savepoint is gone, the rollback to it fails, and the commit's error is the one to throw.
        await client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`).catch(() => Promise.reject(error as Error));
        outcomes[index] = { status: 'failed', error };
        failedKeys.add(items[index]!.key);
        return false;
      }
      return true;
    };
    for (const [index, item] of items.entries()) {
      const first = owner.get(item.eventId);
      if (first !== undefined) {
        await settle(`SAVEPOINT ${SAVEPOINT}`);
        outcomes[index] = outcomes[first]!.status === 'applied' ? DUPLICATE : SKIPPED;
        continue;
      }
      owner.set(item.eventId, index);
      if (!claimed.has(item.eventId)) {
        outcomes[index] = DUPLICATE;
        continue;
      }
      await settle(`SAVEPOINT ${SAVEPOINT}`);
      if (failedKeys.has(item.key)) {
        outcomes[index] = SKIPPED;
        continue;
      }
      if (known?.index === index) {
        // It failed in the optimistic pass of this same delivery; once is enough.
        outcomes[index] = { status: 'failed', error: known.error };
        failedKeys.add(item.key);
        continue;
      }
      try {
        await item.work(client);
        open = index;
      } catch (error) {
        await fail(index, error);
      }
    }
    // Claims of items that did not apply are given back, so that their redelivery runs them.
    const commit = (assumeApplied?: number) => {
      const giveBack = [...owner].filter(([id, index]) => claimed.has(id) && index !== assumeApplied && outcomes[index]?.status !== 'applied');
      if (giveBack.length === 0) return 'COMMIT';
      return `DELETE FROM ${table} WHERE consumer = ${literal(consumer)} AND event_id IN (${giveBack.map(([id]) => literal(id)).join(', ')}); COMMIT`;
    };
    if (open === undefined) await client.query(commit());
    else if (!(await settle(commit(open)))) await client.query(commit());
    return outcomes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
