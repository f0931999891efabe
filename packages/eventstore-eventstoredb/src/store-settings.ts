import { BACKWARDS, END, jsonEvent, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EventStoreDbError } from './errors.js';
import { NATIVE_STORE, type StorePositions } from './positions.js';
import { RESERVED_PREFIX } from './stored-event.js';

/** The stream that says how a store numbers its positions; written by the migration, read at open. */
export const SETTINGS_STREAM = `${RESERVED_PREFIX}store`;
const SETTINGS_TYPE = 'RooftopPositionsSet';

export const readStorePositions = async (client: KurrentDBClient): Promise<StorePositions> => {
  try {
    for await (const resolved of client.readStream(SETTINGS_STREAM, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
      const data = resolved.event?.data as { base?: unknown; copiedUntil?: unknown } | undefined;
      if (typeof data?.base !== 'string' || typeof data.copiedUntil !== 'string' || !/^-?\d+$/.test(data.base) || !/^-?\d+$/.test(data.copiedUntil)) {
        throw new EventStoreDbError(`${SETTINGS_STREAM} holds a malformed ${SETTINGS_TYPE}`, 'MALFORMED_SETTINGS');
      }
      return { base: BigInt(data.base), copiedUntil: BigInt(data.copiedUntil) };
    }
  } catch (error) {
    const type = (error as { type?: unknown } | null)?.type;
    if (type !== 'stream-not-found' && type !== 'no-stream') throw error;
  }
  return NATIVE_STORE;
};

export const writeStorePositions = async (client: KurrentDBClient, positions: StorePositions): Promise<void> => {
  await client.appendToStream(
    SETTINGS_STREAM,
    jsonEvent({ type: SETTINGS_TYPE, data: { base: positions.base.toString(), copiedUntil: positions.copiedUntil.toString() } }),
  );
};
