import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { type ContractRegistry } from '@rooftop/contracts';
import { type MessagingLogger } from '@rooftop/messaging';
import { IntegratorFeed } from './feed/feed.js';
import { type GrantEntry } from './grants-file.js';
import { WebhookDelivery } from './webhooks/webhook-delivery.js';

interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Store time zones from HQ's directory (`<schema>.stores`), cached; a store not found is looked up again (at most
 * once a second), so one added to the directory while the feeds run is picked up.
 */
export const directoryTimeZones = (db: Queryable, schema: string) => {
  const zones = new Map<string, string>();
  let lastRead = 0;
  return async (storeId: string): Promise<string | undefined> => {
    if (!zones.has(storeId) && Date.now() - lastRead >= 1_000) {
      lastRead = Date.now();
      const { rows } = await db.query<{ store_id: string; time_zone: string }>(`SELECT store_id, time_zone FROM ${schema}.stores`);
      for (const row of rows) zones.set(row.store_id, row.time_zone);
    }
    return zones.get(storeId);
  };
};

export interface IntegratorsOptions {
  /** The integrators' account: their streams, written by the feeds, read by the webhooks. */
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** HQ's account, where GROUP_EVENTS is read; default `js`. */
  readonly sourceJs?: JetStreamClient;
  readonly registry: ContractRegistry;
  readonly grants: readonly GrantEntry[];
  readonly timeZoneOf: (storeId: string) => Promise<string | undefined> | string | undefined;
  readonly groupStream?: string;
  readonly logger?: MessagingLogger;
}

/** One feed per grant and one webhook worker per grant that has a webhook; `close()` stops them all. */
export const startIntegrators = async (o: IntegratorsOptions) => {
  const feeds = o.grants.map(
    ({ grant }) =>
      new IntegratorFeed({
        js: o.js,
        jsm: o.jsm,
        ...(o.sourceJs ? { sourceJs: o.sourceJs } : {}),
        grant,
        registry: o.registry,
        timeZoneOf: o.timeZoneOf,
        ...(o.groupStream ? { groupStream: o.groupStream } : {}),
        ...(o.logger ? { logger: o.logger } : {}),
      }),
  );
  for (const feed of feeds) await feed.start();
  const hooks = o.grants.flatMap(({ grant, webhook }) =>
    webhook
      ? [
          new WebhookDelivery({
            js: o.js,
            jsm: o.jsm,
            integrator: grant.name,
            url: webhook.url,
            secret: webhook.secret,
            ...(o.logger ? { logger: o.logger } : {}),
          }),
        ]
      : [],
  );
  for (const hook of hooks) await hook.start();
  return {
    feeds,
    hooks,
    async close() {
      await Promise.all(hooks.map((h) => h.stop()));
      await Promise.all(feeds.map((f) => f.stop()));
    },
  };
};
