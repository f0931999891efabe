import { integratorDeliverPrefix, integratorInboxPrefix, integratorStreamName } from '@rooftop/contracts';

/** What one integrator's NATS user may do: read its own stream through JetStream, nothing else. */
export interface IntegratorPermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

export const integratorPermissions = (name: string): IntegratorPermissions => {
  const s = integratorStreamName(name);
  return {
    publish: [
      '$JS.API.INFO',
      `$JS.API.STREAM.INFO.${s}`,
      `$JS.API.STREAM.MSG.GET.${s}`,
      `$JS.API.CONSUMER.CREATE.${s}`,
      `$JS.API.CONSUMER.CREATE.${s}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${s}.>`,
      `$JS.API.CONSUMER.INFO.${s}.>`,
      `$JS.API.CONSUMER.DELETE.${s}.>`,
      `$JS.API.CONSUMER.MSG.NEXT.${s}.>`,
      `$JS.API.CONSUMER.NAMES.${s}`,
      `$JS.API.CONSUMER.LIST.${s}`,
      `$JS.ACK.${s}.>`,
      `$JS.FC.${s}.>`,
    ],
    subscribe: [`${integratorInboxPrefix(name)}.>`, `${integratorDeliverPrefix(name)}.>`],
  };
};
