import { sales } from '@rooftop/contracts';
import { type EventStore } from '@rooftop/eventsourcing';
import { type EventRelay } from '@rooftop/messaging';
import { type ProjectionRunner } from '@rooftop/projections-postgres';
import { type HostOptions, runStoreService, type StoreServiceHandle } from '@rooftop/service-host';
import type pg from 'pg';
import { salesCommandHandlers } from './commands/index.js';
import { type SalesConfig, salesSettingsOf } from './config.js';
import { createSalesProjections } from './projections/index.js';

export type StartOptions = HostOptions;

export type SalesServiceHandle = StoreServiceHandle<{
  readonly config: SalesConfig;
  readonly store: EventStore;
  readonly pool: pg.Pool;
  readonly relay: EventRelay;
  readonly projections: ProjectionRunner;
}>;

/**
 * One store's sales service: the event store (migrated), the relay to JetStream (the store's one relay), the
 * projection runner and the command service on NATS, in the store-service host (ops server, ordered shutdown).
 * Everything comes from `config`.
 */
export const startSalesService = (config: SalesConfig, options: StartOptions = {}): Promise<SalesServiceHandle> =>
  runStoreService({
    service: 'sales',
    config,
    options,
    poolMax: 20,
    async start(host) {
      const relay = await host.startRelay();
      const projections = await host.startProjections(createSalesProjections({ timeZone: config.STORE_TIME_ZONE }));
      const handlers = salesCommandHandlers({ store: host.events, groupId: host.groupId, settings: salesSettingsOf(config) });
      await host.serveCommands({ context: sales.SALES_CONTEXT, handlers });
      return { config, store: host.events, pool: host.pool, relay, projections };
    },
  });
