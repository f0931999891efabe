import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointFileError, FileCheckpointStore } from './checkpoint.js';

describe('FileCheckpointStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rooftop-checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has nothing before the first save, then what was saved last', async () => {
    const store = new FileCheckpointStore(join(dir, 'a.json'));
    expect(await store.load()).toBeUndefined();
    await store.save({ sequence: 3, positions: { s1: 7 }, recentIds: ['a'] });
    await store.save({ sequence: 5, positions: { s1: 9, s2: 4 }, recentIds: ['a', 'b'] });
    expect(await new FileCheckpointStore(join(dir, 'a.json')).load()).toEqual({ sequence: 5, positions: { s1: 9, s2: 4 }, recentIds: ['a', 'b'] });
  });

  it('refuses a file that is not a checkpoint with a typed error', async () => {
    writeFileSync(join(dir, 'b.json'), '{"sequence": -1}');
    writeFileSync(join(dir, 'c.json'), 'garbage');
    await expect(new FileCheckpointStore(join(dir, 'b.json')).load()).rejects.toBeInstanceOf(CheckpointFileError);
    await expect(new FileCheckpointStore(join(dir, 'c.json')).load()).rejects.toThrow(/not an events-client checkpoint/);
  });
});
