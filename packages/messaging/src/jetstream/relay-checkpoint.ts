import type pg from 'pg';

// One lock id for this migration: concurrent `CREATE ... IF NOT EXISTS` can still collide in the catalog.
const MIGRATION_LOCK = 0x52_45_4c_41; // "RELA"

/** Creates `messaging.relay_checkpoints` if missing; safe to run from many processes at once. */
export const migrateRelayCheckpoints = async (pool: pg.Pool): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS messaging');
    await client.query(`CREATE TABLE IF NOT EXISTS messaging.relay_checkpoints (
      name text PRIMARY KEY,
      position bigint NOT NULL CHECK (position >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

export const loadRelayCheckpoint = async (pool: pg.Pool, name: string): Promise<number> => {
  const { rows } = await pool.query<{ position: string }>('SELECT position FROM messaging.relay_checkpoints WHERE name = $1', [name]);
  return rows[0] ? Number(rows[0].position) : 0;
};

/**
 * Never moves a checkpoint backwards, so a stale relay instance cannot undo a newer one's progress. Committed
 * without waiting for the WAL flush (`synchronous_commit` off for this one transaction): a checkpoint lost in a
 * server crash only makes the relay re-publish events JetStream already holds, which its duplicate window and
 * the relay's start-up fence drop. Waiting for the flush kept a transaction id open that long, and every event
 * committed meanwhile stayed below the readers' safe bound until it ended (ADR 0031).
 */
export const saveRelayCheckpoint = async (pool: pg.Pool, name: string, position: number): Promise<void> => {
  await pool.query(
    `INSERT INTO messaging.relay_checkpoints (name, position)
     SELECT $1, $2 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
     ON CONFLICT (name) DO UPDATE SET position = GREATEST(messaging.relay_checkpoints.position, EXCLUDED.position), updated_at = now()`,
    [name, position],
  );
};

/**
 * Writes the relay's checkpoint behind its back: the relay hands over each acknowledged position and goes on
 * reading and publishing; at most one write is in flight, and it carries the newest position handed over. A
 * failed write is left to the next one (the position only grows); `flush` writes the last one before a stop.
 */
export class CheckpointWriter {
  private wanted = 0;
  private saved = 0;
  /** Positions handed over, and how many of them a finished write covered. */
  private handed = 0;
  private covered = 0;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly name: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  save(position: number): void {
    this.wanted = Math.max(this.wanted, position);
    this.handed += 1;
    this.writing ??= this.drain();
  }

  /**
   * Waits while more than `batches` handed-over positions are unwritten. The relay calls it before publishing a
   * batch, so the stored checkpoint never trails the stream by more than the two batches its start-up fence reads.
   */
  async keepUp(batches: number): Promise<void> {
    while (this.handed - this.covered > batches && this.writing) await this.writing;
  }

  /** Resolves once the newest position handed over is written (or its write failed and was reported). */
  async flush(): Promise<void> {
    await this.writing;
    if (this.saved < this.wanted) {
      this.writing = this.drain();
      await this.writing;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.saved < this.wanted) {
        const position = this.wanted;
        const handed = this.handed;
        await saveRelayCheckpoint(this.pool, this.name, position);
        this.saved = position;
        this.covered = handed;
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.writing = undefined;
    }
  }
}
