import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointWriter, loadRelayCheckpoint, migrateRelayCheckpoints, saveRelayCheckpoint } from './relay-checkpoint.js';

describe('relay checkpoints', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('relay_checkpoint');
    await migrateRelayCheckpoints(db.pool);
  });
  afterAll(async () => db?.drop());

  it('never moves a stored checkpoint backwards', async () => {
    await saveRelayCheckpoint(db.pool, 'backwards', 50);
    await saveRelayCheckpoint(db.pool, 'backwards', 20);
    expect(await loadRelayCheckpoint(db.pool, 'backwards')).toBe(50);
  });

  it('writes in the background with one write in flight, and flush stores the newest position handed over', async () => {
    const errors: unknown[] = [];
    const writer = new CheckpointWriter(db.pool, 'background', (error) => errors.push(error));
    for (let position = 1; position <= 100; position++) writer.save(position * 10);
    await writer.keepUp(0);
    await writer.flush();
    expect(await loadRelayCheckpoint(db.pool, 'background')).toBe(1_000);
    expect(errors).toEqual([]);
  });

  it('reports a failed write and stores the position with the next one', async () => {
    const errors: unknown[] = [];
    const other = await createTestDatabase('relay_checkpoint_missing');
    try {
      // No migration on this database: the first write fails (no table), the one after the migration succeeds.
      const writer = new CheckpointWriter(other.pool, 'retry', (error) => errors.push(error));
      writer.save(7);
      await writer.flush();
      // The background write failed, and so did flush's own try of the position it had not stored.
      expect(errors).toHaveLength(2);
      await migrateRelayCheckpoints(other.pool);
      writer.save(9);
      await writer.flush();
      expect(await loadRelayCheckpoint(other.pool, 'retry')).toBe(9);
    } finally {
      await other.drop();
    }
  });
});
