import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { EVENT_HEADERS } from './event-message.js';

export interface StreamEntry {
  readonly seq: number;
  readonly eventId: string | undefined;
  readonly position: number | undefined;
}

export interface ScanOptions {
  /** First stream sequence to read (default the stream's first). */
  readonly fromSeq?: number;
  readonly filterSubject?: string;
}

/**
 * Reads the headers of every message in a stream from `fromSeq` up to the last sequence at the time of the
 * call, through an ordered consumer (bodies are not transferred). Used to learn which event ids a stream holds.
 */
export const scanStreamHeaders = async (
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  onEntry: (entry: StreamEntry) => void,
  options: ScanOptions = {},
): Promise<number> => {
  const { state } = await jsm.streams.info(stream);
  const from = Math.max(options.fromSeq ?? state.first_seq, state.first_seq);
  if (state.messages === 0 || from > state.last_seq) return 0;
  const consumer = await js.consumers.get(stream, {
    headers_only: true,
    deliver_policy: 'by_start_sequence',
    opt_start_seq: from,
    ...(options.filterSubject !== undefined ? { filter_subjects: options.filterSubject } : {}),
  });
  const messages = await consumer.consume({ max_messages: 1_000 });
  let count = 0;
  try {
    for await (const m of messages) {
      const h = m.headers;
      const position = h?.get(EVENT_HEADERS.position);
      onEntry({
        seq: m.seq,
        eventId: h?.get(EVENT_HEADERS.msgId) || h?.get(EVENT_HEADERS.eventId) || undefined,
        position: position ? Number(position) : undefined,
      });
      count++;
      // pending counts what matched after this message when it was sent; 0 means we reached the end.
      if (m.info.pending === 0 || m.seq >= state.last_seq) break;
    }
  } finally {
    await messages.close();
  }
  return count;
};
