import { ConcurrencyError, commandHandler } from '@rooftop/eventsourcing';
import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterDecider, increment, type IncrementCommand, seededRandom } from './fixtures/events.js';
import { withStreamCache } from './fixtures/stream-cache.js';
import { migrateEventStore } from './migrations.js';
import { PostgresEventStore } from './postgres-event-store.js';

const WRITERS = 32;
const COMMANDS_PER_WRITER = 2_000;
const STREAMS = 200;
const HOT_STREAMS = 10;
const HOT_SHARE = 0.2;

describe('PostgresEventStore under 32 concurrent writers', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('es_writers');
    // Not waiting for the WAL flush of 64,000 commits changes nothing this test checks (atomicity, version
    // checks, conflicts); it only gives up durability across a server crash, which no test here simulates.
    pool = new pg.Pool({ connectionString: db.url, max: 36, options: '-c synchronous_commit=off' });
    await migrateEventStore(pool);
    store = new PostgresEventStore({ pool });
  });
  afterAll(async () => {
    store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('commits or rejects every append with a typed ConcurrencyError: no lost or phantom events, gap-free versions', async () => {
    // Hot streams grow past a thousand events; re-reading each whole stream for every command would make the
    // run quadratic (~15 million rows decoded). The cache asks the store only for events past what it has seen,
    // and checks every read for gaps; appends, version checks and command results go to the store unchanged.
    // Version conflicts seen by the store (before the handler's retries), to show the run exercised them.
    let storeConflicts = 0;
    const cached = withStreamCache(store);
    const counting = {
      ...cached,
      appendToStream: (...args: Parameters<typeof cached.appendToStream>) =>
        cached.appendToStream(...args).catch((error: unknown) => {
          if (error instanceof ConcurrencyError) storeConflicts += 1;
          throw error;
        }),
    };
    const handle = commandHandler(counterDecider, {
      store: counting,
      context: 'test',
      groupId: 'group-1',
      streamOf: (c: IncrementCommand) => `test-counter-${c.data.counterId}`,
    });
    const succeeded = new Map<string, { counterId: string; eventIds: string[] }>();
    const conflicted: string[] = [];
    const unexpected: unknown[] = [];

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const random = seededRandom(writer + 1);
        for (let i = 0; i < COMMANDS_PER_WRITER; i++) {
          const hot = random() < HOT_SHARE;
          const counterId = String(hot ? Math.floor(random() * HOT_STREAMS) : HOT_STREAMS + Math.floor(random() * (STREAMS - HOT_STREAMS)));
          const commandId = `w${writer}-c${i}`;
          try {
            const result = await handle(increment(commandId, counterId));
            succeeded.set(commandId, { counterId, eventIds: result.events.map((e) => e.eventId) });
          } catch (error) {
            (error instanceof ConcurrencyError ? conflicted : unexpected).push(error instanceof ConcurrencyError ? commandId : error);
          }
        }
      }),
    );

    expect(unexpected).toEqual([]);
    expect(succeeded.size + conflicted.length).toBe(WRITERS * COMMANDS_PER_WRITER);
    expect(succeeded.size).toBeGreaterThan(0);
    expect(storeConflicts).toBeGreaterThan(0);

    const q = async <T>(sql: string): Promise<T[]> => (await pool.query(sql)).rows as T[];
    const [totals] = await q<{ events: string; positions: string; event_ids: string; results: string }>(
      `SELECT (SELECT count(*) FROM eventstore.events) AS events, (SELECT count(DISTINCT global_position) FROM eventstore.events) AS positions,
              (SELECT count(DISTINCT event_id) FROM eventstore.events) AS event_ids, (SELECT count(*) FROM eventstore.command_results) AS results`,
    );
    const expectedEvents = [...succeeded.values()].reduce((n, s) => n + s.eventIds.length, 0);
    expect(expectedEvents).toBe(succeeded.size);
    expect(totals).toEqual({
      events: String(expectedEvents),
      positions: String(expectedEvents),
      event_ids: String(expectedEvents),
      results: String(succeeded.size),
    });

    // Each stored event belongs to a command that succeeded, on the stream that command named.
    const stored = await q<{ event_id: string; stream_id: string; command_id: string }>(
      `SELECT event_id, stream_id, metadata->>'commandId' AS command_id FROM eventstore.events`,
    );
    const phantoms = stored.filter((row) => {
      const command = succeeded.get(row.command_id);
      return !command || `test-counter-${command.counterId}` !== row.stream_id || !command.eventIds.includes(row.event_id);
    });
    expect(phantoms).toEqual([]);

    const streams = await q<{ stream_id: string; n: number; lowest: number; highest: number; distinct_versions: number; version: number }>(
      `SELECT e.stream_id, count(*)::int AS n, min(e.stream_version) AS lowest, max(e.stream_version) AS highest,
              count(DISTINCT e.stream_version)::int AS distinct_versions, s.version
       FROM eventstore.events e JOIN eventstore.streams s USING (stream_id) GROUP BY e.stream_id, s.version`,
    );
    const perStream = new Map<string, number>();
    for (const { counterId } of succeeded.values()) perStream.set(`test-counter-${counterId}`, (perStream.get(`test-counter-${counterId}`) ?? 0) + 1);
    expect(streams).toHaveLength(perStream.size);
    for (const row of streams) {
      expect(row).toEqual({ stream_id: row.stream_id, n: perStream.get(row.stream_id), lowest: 1, highest: row.n, distinct_versions: row.n, version: row.n });
    }
    // Within a stream, log order and version order agree.
    const [disorder] = await q<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT stream_version - lag(stream_version) OVER (PARTITION BY stream_id ORDER BY global_position) AS step
       FROM eventstore.events) steps WHERE step <> 1`,
    );
    expect(disorder).toEqual({ n: '0' });
  }, 1_200_000);
});
