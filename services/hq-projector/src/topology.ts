import { type JetStreamManager } from '@nats-io/jetstream';
import { type EnsureStreamOutcome, ensureGroupStream } from '@rooftop/messaging';
import type pg from 'pg';
import { readStoreDirectory } from './directory/store-directory.js';

/**
 * Brings GROUP_EVENTS to the store directory: one source per store, read through the store's JetStream
 * domain. Adding a store is a directory entry plus this call (the projector makes it at start, the CLI after
 * `stores load`). `skipped` when the directory is still empty: a stream needs at least one source.
 */
export const provisionGroupStream = async (
  db: Pick<pg.Pool, 'query'>,
  jsm: JetStreamManager,
  options: { schema: string; groupId: string; stream: string; maxBytes?: number },
): Promise<EnsureStreamOutcome | 'skipped'> => {
  const stores = await readStoreDirectory(db, options.schema);
  if (stores.length === 0) return 'skipped';
  return ensureGroupStream(jsm, {
    groupId: options.groupId,
    name: options.stream,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    stores: stores.map((s) => ({ storeId: s.storeId, ...(s.jsDomain !== undefined ? { domain: s.jsDomain } : {}) })),
  });
};
