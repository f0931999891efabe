import { type JetStreamManager } from '@nats-io/jetstream';
import { integratorEventsFilter, integratorIndexFilter, integratorStreamName } from '@rooftop/contracts';
import { type EnsureStreamOutcome, ensureStream, eventLogPolicy, STORE_STREAM_DEFAULTS } from '@rooftop/messaging';

export interface IntegratorStreamOptions {
  /** Default -1: bounded by the hub's `max_file_store` only. At the limit the feed waits (`discard: new`). */
  readonly maxBytes?: number;
  readonly replicas?: number;
}

/**
 * `INTEGRATOR_<NAME>` at HQ: the integrator's events (masked, filtered) and its business-date index. Its
 * subjects are `integrator.<name>.events.>` and `integrator.<name>.index.>` only — never `integrator.<name>.>`,
 * which would also capture the deliver subjects of the integrator's push consumers.
 */
export const integratorStreamConfig = (name: string, options: IntegratorStreamOptions = {}): Parameters<typeof ensureStream>[1] => ({
  name: integratorStreamName(name),
  description: `Rooftop events granted to integrator ${name}, personal data masked as granted`,
  subjects: [integratorEventsFilter(name), integratorIndexFilter(name)],
  ...eventLogPolicy(),
  max_bytes: options.maxBytes ?? -1,
  max_msgs: -1,
  max_age: 0,
  max_msg_size: STORE_STREAM_DEFAULTS.maxMsgSize,
  num_replicas: options.replicas ?? 1,
});

/** Creates the stream, or checks it (subjects and policies must match) and updates its limits; idempotent. */
export const ensureIntegratorStream = (jsm: JetStreamManager, name: string, options: IntegratorStreamOptions = {}): Promise<EnsureStreamOutcome> =>
  ensureStream(jsm, integratorStreamConfig(name, options));
