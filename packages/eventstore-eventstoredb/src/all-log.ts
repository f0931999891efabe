import { BACKWARDS, END, excludeSystemEvents, FORWARDS, type KurrentDBClient, type ReadPosition, START } from '@kurrent/kurrentdb-client';
import { ForeignRecordError } from './errors.js';
import { type LogPosition } from './positions.js';
import { envelopeOf, type IncomingRecord, type StoredEnvelope } from './stored-event.js';

/** A record as the client hands it over, with its `$all` position. */
export interface ClientRecord extends IncomingRecord {
  readonly position?: LogPosition;
}

/**
 * Reads `$all` (system records left out by the server) forwards from `from` in pages of `pageSize`, handing each
 * record to `visit` until it returns false or the log ends. Reads include the record at `from`.
 */
export const scanAll = async (
  client: KurrentDBClient,
  pageSize: number,
  from: LogPosition | 'start',
  visit: (record: ClientRecord) => boolean,
): Promise<void> => {
  let position: ReadPosition = from === 'start' ? START : from;
  let last: bigint | undefined;
  for (;;) {
    let count = 0;
    for await (const resolved of client.readAll({ fromPosition: position, maxCount: pageSize, direction: FORWARDS, filter: excludeSystemEvents() })) {
      count++;
      const record = resolved.event as ClientRecord | undefined;
      if (!record?.position) continue;
      const commit = BigInt(record.position.commit);
      // Each page starts at the previous page's last record, which was visited already.
      if (last !== undefined && commit <= last) continue;
      last = commit;
      position = { commit, prepare: BigInt(record.position.prepare) };
      if (!visit(record)) return;
    }
    if (count < pageSize) return;
  }
};

/** The last Rooftop event in `$all` (read backwards past the adapter's bookkeeping records), if any. */
export const lastRooftopRecord = async (client: KurrentDBClient): Promise<{ record: ClientRecord; envelope: StoredEnvelope } | undefined> => {
  for await (const resolved of client.readAll({ fromPosition: END, direction: BACKWARDS, filter: excludeSystemEvents() })) {
    const record = resolved.event as ClientRecord | undefined;
    const envelope = record && envelopeOf(record);
    if (!record?.position || envelope === undefined) continue;
    if (typeof envelope === 'string') throw new ForeignRecordError(record.streamId, String(record.revision), envelope);
    return { record, envelope };
  }
  return undefined;
};
