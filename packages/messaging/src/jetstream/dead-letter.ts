import { type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { EVENT_HEADERS } from './event-message.js';
import { describeError } from './logger.js';

/** Headers a dead letter carries next to the original body and headers. */
export const DEAD_LETTER_HEADERS = {
  error: 'Rooftop-Dlq-Error',
  errorCode: 'Rooftop-Dlq-Error-Code',
  consumer: 'Rooftop-Dlq-Consumer',
  stream: 'Rooftop-Dlq-Stream',
  streamSeq: 'Rooftop-Dlq-Stream-Seq',
  subject: 'Rooftop-Dlq-Subject',
  deliveries: 'Rooftop-Dlq-Deliveries',
} as const;

/** What a dead letter keeps of the message it parks: a `JsMsg` is one. */
export type DeadLetterSource = Pick<JsMsg, 'data' | 'headers' | 'subject'> & {
  readonly info: Pick<JsMsg['info'], 'stream' | 'streamSequence' | 'deliveryCount'>;
};

// Header values cannot hold line breaks, and a dead letter should stay small.
const headerValue = (value: string): string => value.replace(/[\r\n]+/g, ' ').slice(0, 1_000);

/**
 * Publishes the original message (body and headers) to `subject` with the error attached as headers.
 * Its Nats-Msg-Id is `<consumer>:<stream>:<seq>`, so a consumer that crashes after dead-lettering and
 * before `term` does not park the same message twice. `msg` is a delivered message, or a stored one read
 * back from its stream (`DeadLetterSource`: what of a message a dead letter keeps).
 */
export const publishDeadLetter = async (js: JetStreamClient, subject: string, consumer: string, msg: DeadLetterSource, error: unknown): Promise<void> => {
  const h = headers();
  for (const [key, values] of msg.headers ?? []) {
    if (key === EVENT_HEADERS.msgId) continue;
    for (const v of values) h.append(key, v);
  }
  const described = describeError(error);
  h.set(DEAD_LETTER_HEADERS.error, headerValue(described.error));
  if (described.code !== undefined) h.set(DEAD_LETTER_HEADERS.errorCode, headerValue(String(described.code)));
  h.set(DEAD_LETTER_HEADERS.consumer, consumer);
  h.set(DEAD_LETTER_HEADERS.stream, msg.info.stream);
  h.set(DEAD_LETTER_HEADERS.streamSeq, String(msg.info.streamSequence));
  h.set(DEAD_LETTER_HEADERS.subject, msg.subject);
  h.set(DEAD_LETTER_HEADERS.deliveries, String(msg.info.deliveryCount));
  await js.publish(subject, msg.data, { headers: h, msgID: `${consumer}:${msg.info.stream}:${msg.info.streamSequence}` });
};
