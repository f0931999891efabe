import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** Where a client is in its integrator stream: what it needs to resume exactly, dedup and check for gaps. */
export interface Checkpoint {
  /** The last stream sequence handled (0: none). */
  readonly sequence: number;
  /** Per store, the position of the last event handled (what the next one's `previousposition` must be). */
  readonly positions: Readonly<Record<string, number>>;
  /** The ids of the last events handled, oldest first (bounded by the client's `dedupWindow`). */
  readonly recentIds: readonly string[];
}

/** Pluggable: keep it wherever the integrator keeps its own state (ideally in the transaction of its effects). */
export interface CheckpointStore {
  load(): Promise<Checkpoint | undefined>;
  save(checkpoint: Checkpoint): Promise<void>;
}

export class MemoryCheckpointStore implements CheckpointStore {
  private current: Checkpoint | undefined;
  constructor(initial?: Checkpoint) {
    this.current = initial;
  }
  load(): Promise<Checkpoint | undefined> {
    return Promise.resolve(this.current);
  }
  save(checkpoint: Checkpoint): Promise<void> {
    this.current = checkpoint;
    return Promise.resolve();
  }
}

const checkpointSchema = z.strictObject({
  sequence: z.int().min(0),
  positions: z.record(z.string(), z.int().min(0)),
  recentIds: z.array(z.string()),
});

export class CheckpointFileError extends Error {
  readonly code = 'CHECKPOINT_INVALID';
  constructor(file: string, detail: string) {
    super(`${file} is not an events-client checkpoint: ${detail}`);
    this.name = 'CheckpointFileError';
  }
}

/** A JSON file, replaced atomically (write aside, then rename), so a crash leaves the old or the new one. */
export class FileCheckpointStore implements CheckpointStore {
  constructor(private readonly file: string) {}

  async load(): Promise<Checkpoint | undefined> {
    if (!existsSync(this.file)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      throw new CheckpointFileError(this.file, error instanceof Error ? error.message : String(error));
    }
    const parsed = checkpointSchema.safeParse(json);
    if (!parsed.success) throw new CheckpointFileError(this.file, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return parsed.data;
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(checkpoint));
    await rename(tmp, this.file);
  }
}
