import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBatchOnce, type InboxItem, migrateInbox } from './inbox.js';

describe('applyBatchOnce', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('inbox');
    await migrateInbox(db.pool, 'batch');
    await db.pool.query('CREATE TABLE batch.effects (event_id text PRIMARY KEY, stream text NOT NULL, tx bigint NOT NULL DEFAULT txid_current())');
  });
  afterAll(async () => {
    await db.drop();
  });

  const write = (eventId: string, stream: string) => async (tx: pg.PoolClient) => {
    await tx.query('INSERT INTO batch.effects (event_id, stream) VALUES ($1, $2)', [eventId, stream]);
  };
  const item = (eventId: string, stream: string, work = write(eventId, stream)): InboxItem => ({ eventId, key: stream, work });
  const rows = async (consumer: string) =>
    (
      await db.pool.query<{ event_id: string; tx: string; inbox: boolean }>(
        `SELECT e.event_id, e.tx::text AS tx, i.event_id IS NOT NULL AS inbox FROM batch.effects e
         LEFT JOIN batch.inbox i ON i.event_id = e.event_id AND i.consumer = $1 WHERE e.event_id LIKE $2 ORDER BY e.event_id`,
        [consumer, `${consumer}-%`],
      )
    ).rows;
  const inbox = async (consumer: string) =>
    (await db.pool.query<{ event_id: string }>('SELECT event_id FROM batch.inbox WHERE consumer = $1 ORDER BY event_id', [consumer])).rows.map(
      (r) => r.event_id,
    );

  it('commits the others of a batch in one transaction when one in the middle fails, and skips the later ones of its stream', async () => {
    const c = 'mid';
    const outcomes = await applyBatchOnce(db.pool, 'batch', c, [
      item(`${c}-1`, 'a'),
      item(`${c}-2`, 'b'),
      item(`${c}-3`, 'c', async (tx) => {
        await write(`${c}-3`, 'c')(tx);
        throw new Error('cannot apply 3');
      }),
      item(`${c}-4`, 'a'),
      item(`${c}-5`, 'c'),
      item(`${c}-6`, 'b'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'failed', 'applied', 'skipped', 'applied']);
    expect(outcomes[2]).toMatchObject({ error: new Error('cannot apply 3') });
    const applied = await rows(c);
    expect(applied.map((r) => r.event_id)).toEqual([`${c}-1`, `${c}-2`, `${c}-4`, `${c}-6`]);
    // txid_current() is the top-level transaction's id, also inside a savepoint.
    expect(new Set(applied.map((r) => r.tx)).size).toBe(1);
    expect(applied.every((r) => r.inbox)).toBe(true);
    // Neither the failed nor the skipped one keeps its claim: their redelivery runs them.
    expect(await inbox(c)).toEqual([`${c}-1`, `${c}-2`, `${c}-4`, `${c}-6`]);

    const retry = await applyBatchOnce(db.pool, 'batch', c, [item(`${c}-3`, 'c'), item(`${c}-5`, 'c'), item(`${c}-1`, 'a')]);
    expect(retry.map((o) => o.status)).toEqual(['applied', 'applied', 'duplicate']);
    expect((await rows(c)).map((r) => r.event_id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${c}-${n}`));
  });

  it('fails a handler that swallowed an SQL error (the transaction was left failed), and only that one', async () => {
    const c = 'swallow';
    const outcomes = await applyBatchOnce(db.pool, 'batch', c, [
      item(`${c}-1`, 'a', async (tx) => {
        await write(`${c}-1`, 'a')(tx);
        await tx.query('SELECT 1 / 0').catch(() => undefined);
      }),
      item(`${c}-2`, 'b'),
      item(`${c}-3`, 'c', async (tx) => {
        await tx.query('SELECT 1 / 0').catch(() => undefined);
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'applied', 'failed']);
    expect(outcomes[0]).toMatchObject({ error: { code: '25P02' } });
    expect((await rows(c)).map((r) => r.event_id)).toEqual([`${c}-2`]);
    expect(await inbox(c)).toEqual([`${c}-2`]);
  });

  it('applies an event id once when a batch holds it twice, and not at all when it is already in the inbox', async () => {
    const c = 'twice';
    await applyBatchOnce(db.pool, 'batch', c, [item(`${c}-1`, 'a')]);
    let calls = 0;
    const counted = (id: string) =>
      item(id, 'b', async (tx) => {
        calls++;
        await write(id, 'b')(tx);
      });
    const outcomes = await applyBatchOnce(db.pool, 'batch', c, [item(`${c}-1`, 'a'), counted(`${c}-2`), counted(`${c}-2`)]);
    expect(outcomes.map((o) => o.status)).toEqual(['duplicate', 'applied', 'duplicate']);
    expect(calls).toBe(1);
    expect(await inbox(c)).toEqual([`${c}-1`, `${c}-2`]);
  });

  it('applies nothing when the commit fails', async () => {
    const c = 'abort';
    await db.pool.query('CREATE TABLE batch.deferred (id int PRIMARY KEY, CONSTRAINT positive CHECK (id > 0)) ');
    await db.pool.query('ALTER TABLE batch.deferred ADD CONSTRAINT unique_later UNIQUE (id) DEFERRABLE INITIALLY DEFERRED');
    await db.pool.query('ALTER TABLE batch.deferred DROP CONSTRAINT deferred_pkey');
    const error = await applyBatchOnce(db.pool, 'batch', c, [
      item(`${c}-1`, 'a'),
      item(`${c}-2`, 'b', async (tx) => {
        await tx.query('INSERT INTO batch.deferred (id) VALUES (1), (1)');
      }),
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505' });
    expect(await rows(c)).toEqual([]);
    expect(await inbox(c)).toEqual([]);
  });
});
