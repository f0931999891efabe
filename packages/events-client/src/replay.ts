import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { integratorIndexFilter, integratorStreamName } from '@rooftop/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class BusinessDateError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(value: string) {
    super(`business date ${JSON.stringify(value)} is not YYYY-MM-DD`);
    this.name = 'BusinessDateError';
  }
}

/**
 * The stream sequence to replay from so that every event whose business date is `from` or later is delivered
 * (the client then skips the earlier-dated ones it meets). Reads the stream's business-date index: one message
 * per (business date, store), stored just before the first event of that date and store, so the smallest
 * sequence among the dates ≥ `from` is the earliest place such an event can be. Business dates are not in
 * stream order (a store that was offline delivers its older days late), which is why it is the minimum over
 * all of them rather than the first. Returns the sequence after the stream's end when no event is that recent.
 */
export const sequenceForBusinessDate = async (
  js: JetStreamClient,
  jsm: JetStreamManager,
  integrator: string,
  from: string,
  storeIds?: readonly string[],
): Promise<number> => {
  if (!DATE.test(from) || Number.isNaN(Date.parse(`${from}T00:00:00Z`))) throw new BusinessDateError(from);
  const stream = integratorStreamName(integrator);
  const info = await jsm.streams.info(stream, { subjects_filter: integratorIndexFilter(integrator) });
  const entries = Object.keys(info.state.subjects ?? {}).length;
  let best = info.state.last_seq + 1;
  if (entries === 0) return best;
  // Headers only: the subject names the date and store; the message's own sequence is the answer.
  const consumer = await js.consumers.get(stream, {
    filter_subjects: integratorIndexFilter(integrator),
    deliver_policy: DeliverPolicy.All,
    headers_only: true,
  });
  const messages = await consumer.consume({ max_messages: 256 });
  let seen = 0;
  try {
    for await (const msg of messages) {
      seen++;
      const [, , , date, storeId] = msg.subject.split('.');
      if (date! >= from && (!storeIds || storeIds.includes(storeId!))) best = Math.min(best, msg.seq);
      if (seen >= entries || msg.info.pending === 0) break;
    }
  } finally {
    await messages.close();
  }
  return best;
};
